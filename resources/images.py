"""Uploaded images made safe to keep: turned upright and re-encoded without EXIF, XMP, comments or text.

A phone writes where a photo was taken (the EXIF GPS block), what took it and when into the file.
Photos of community members, sometimes children, at home must not carry that to anyone who can
download them, so every image a person uploads passes through `strip_image_metadata` first.
"""

import io
import os

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

# iPhones save photos as HEIC (a kind of HEIF) unless told otherwise; Pillow reads them through
# pillow-heif. They are kept as JPEG, which every browser shows.
register_heif_opener()

# Format Pillow reads -> (format to save as, content type). A multi-picture JPEG (MPO, written by
# some phones) keeps only its main picture and becomes a plain JPEG.
SAVE_AS = {
    "JPEG": ("JPEG", "image/jpeg"),
    "MPO": ("JPEG", "image/jpeg"),
    "PNG": ("PNG", "image/png"),
    "WEBP": ("WEBP", "image/webp"),
    "HEIF": ("JPEG", "image/jpeg"),
}
# Formats kept as another one, and the file name's new ending ("IMG_0042.HEIC" -> "IMG_0042.jpg").
RENAMED = {"HEIF": ".jpg"}
# High enough that a re-encoded photo looks the same; lower than a phone's 95+ so files shrink a little.
QUALITY = 90
MAX_PIXELS = 40_000_000


class ImageProblem(ValueError):
    """The upload cannot be made into a clean image; forms turn this into a message."""


class UnreadableImage(ImageProblem):
    """Not an image, an image of a kind we do not keep, or one whose pixels cannot all be read."""


class TooManyPixels(ImageProblem):
    """Decoding it would take more memory than a photo ever needs."""


def strip_image_metadata(upload, *, max_pixels=MAX_PIXELS):
    """A new upload holding `upload`'s pixels, upright, in the same format and under the same name.

    A HEIC/HEIF photo (or an MPO) becomes a JPEG, named ".jpg".

    Only the colour profile (ICC) and PNG transparency are carried over: they change how the
    pixels look and say nothing about who, where or when. Raise `ImageProblem` when the file
    cannot be decoded completely.
    """
    upload.seek(0)
    try:
        with Image.open(upload) as source:
            if source.format not in SAVE_AS:
                raise UnreadableImage(source.format)
            if source.width * source.height > max_pixels:
                raise TooManyPixels(source.size)
            image_format, content_type = SAVE_AS[source.format]
            new_ending = RENAMED.get(source.format)
            icc_profile = source.info.get("icc_profile")
            transparency = source.info.get("transparency")
            # Decode every pixel now: a truncated file fails here, as a form error, rather than
            # later when Wagtail makes a rendition of it.
            source.load()
            upright = ImageOps.exif_transpose(source)
            # Pillow writes some of `info` (a JPEG comment, PNG transparency, WebP duration) into
            # the new file unasked; clear it so that only what is passed below is written.
            upright.info = {}
            if image_format == "JPEG" and upright.mode not in {"RGB", "L", "CMYK"}:
                # A HEIF photo may have an alpha channel, which JPEG cannot hold.
                upright = upright.convert("RGB")
            options = {"icc_profile": icc_profile} if icc_profile else {}
            if image_format in {"JPEG", "WEBP"}:
                options["quality"] = QUALITY
            elif transparency is not None and upright.mode not in {"RGBA", "LA", "PA"}:
                options["transparency"] = transparency
            buffer = io.BytesIO()
            upright.save(buffer, format=image_format, **options)
    except ImageProblem:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise UnreadableImage(str(error)) from error
    finally:
        upload.seek(0)
    name = upload.name or ""
    if new_ending:
        name = os.path.splitext(name)[0] + new_ending
    cleaned = SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
    # Lets a service skip a second re-encoding of what a form has already cleaned.
    cleaned.metadata_stripped = True
    return cleaned


def is_stripped(upload):
    """True when `upload` came out of `strip_image_metadata`."""
    return getattr(upload, "metadata_stripped", False)
