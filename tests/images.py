"""Image files as people's phones and scanners make them, for the tests of uploads."""

import io

from PIL import Image, PngImagePlugin

# Where the photo was taken, as a phone's GPS IFD records it (55°57'N 3°11'W).
GPS_IFD = {1: "N", 2: (55.0, 57.0, 12.5), 3: "W", 4: (3.0, 11.0, 30.0)}
EXIF_GPS_IFD = 0x8825
EXIF_ORIENTATION = 0x0112


def jpeg_with_location(size=(60, 40), orientation=6):
    """JPEG bytes carrying EXIF (GPS block, camera make, orientation), XMP and a comment.

    Orientation 6 means "turn 90° clockwise to show": an upright copy is `size` turned on its side.
    """
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[EXIF_GPS_IFD] = dict(GPS_IFD)
    buffer = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(
        buffer,
        format="JPEG",
        quality=95,
        exif=exif,
        comment=b"Taken at 12 Home Street",
        xmp=b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>55.9535, -3.1910</x:xmpmeta>",
    )
    return buffer.getvalue()


def png_with_text(size=(30, 20)):
    """PNG bytes carrying tEXt and iTXt chunks and an eXIf chunk with a GPS block."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "12 Home Street")
    info.add_itxt("Comment", "Our kitchen")
    exif = Image.Exif()
    exif[EXIF_GPS_IFD] = dict(GPS_IFD)
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, format="PNG", pnginfo=info, exif=exif)
    return buffer.getvalue()


def truncated_jpeg():
    """The first half of a real JPEG: its header reads, its pixels do not."""
    buffer = io.BytesIO()
    Image.effect_noise((200, 150), 80).convert("RGB").save(buffer, format="JPEG", quality=95)
    data = buffer.getvalue()
    return data[: len(data) // 2]


def assert_no_metadata(data, *, image_format):
    """The stored bytes hold pixels and nothing that says where or by what they were taken."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        assert image.format == image_format
        exif = image.getexif()
        assert EXIF_GPS_IFD not in exif and not exif.get_ifd(EXIF_GPS_IFD)
        assert len(exif) == 0, dict(exif)
        for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment", "Comment", "Location", "Raw profile type exif"):
            assert key not in image.info, key
        assert getattr(image, "text", {}) == {}
    assert b"Home Street" not in data and b"PhoneMaker" not in data and b"55.9535" not in data


def plain_png(size=(4, 4)):
    """A small, valid PNG with nothing in it but pixels."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 120, 60)).save(buffer, format="PNG")
    return buffer.getvalue()
