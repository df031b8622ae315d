"""Photos from iPhones (HEIC) are accepted as evidence and as a story's photo: kept as JPEG, without the
location the phone wrote into them (issue 17, item 7). A file that is refused says why in words and the
form comes back with everything else the person typed."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pillow_heif import register_heif_opener

from learning.models import Evidence
from resources.models import CaseStudyPage
from tests.images import EXIF_GPS_IFD, GPS_IFD, assert_no_metadata
from tests.resources.conftest import case_study_index, site_root  # noqa: F401 (fixtures used below)
from tests.resources.test_stories import story_data

pytestmark = pytest.mark.django_db

register_heif_opener()

STORY = "/stories/new/"


def heic_with_location(size=(60, 40)):
    """HEIC bytes as an iPhone writes them: pixels plus EXIF with a GPS block and the phone's make."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[EXIF_GPS_IFD] = dict(GPS_IFD)
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 90, 40)).save(buffer, format="HEIF", exif=exif.tobytes(), quality=90)
    data = buffer.getvalue()
    # The test's own check that the photo it sends really says where it was taken.
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "HEIF" and image.getexif().get_ifd(EXIF_GPS_IFD)
    return data


def add_evidence(client, world, name, data, **fields):
    return client.post(
        reverse("learning:evidence_add", args=[world.group.slug]),
        {"evidence_type": "insurance", "title": "Insurance", "file": SimpleUploadedFile(name, data), **fields},
    )


def test_an_iphone_photo_becomes_evidence_as_a_jpeg_without_its_location(client, world, private_media):
    client.force_login(world.member)
    response = add_evidence(client, world, "IMG_0042.HEIC", heic_with_location())
    assert response.status_code == 302
    evidence = Evidence.objects.get(title="Insurance")
    assert evidence.content_type == "image/jpeg"
    assert evidence.original_filename == "IMG_0042.jpg"
    stored = (private_media / evidence.file.name).read_bytes()
    assert_no_metadata(stored, image_format="JPEG")
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (60, 40)

    served = client.get(reverse("learning:evidence_file", args=[world.group.slug, evidence.pk]))
    assert served["Content-Type"] == "image/jpeg"
    assert_no_metadata(b"".join(served.streaming_content), image_format="JPEG")


def test_the_evidence_form_tells_people_iphone_photos_are_fine(client, world):
    client.force_login(world.member)
    page = client.get(reverse("learning:evidence_add", args=[world.group.slug])).content.decode()
    assert "HEIC" in page


def test_a_refused_file_keeps_everything_else_and_says_why(client, world):
    client.force_login(world.member)
    response = add_evidence(
        client, world, "party.gif", b"GIF89a" + b"\x00" * 64, title="Our insurance 2027", note="Renewed in May"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Files of that type cannot be added" in page and "Photos from iPhones are fine" in page
    assert 'value="Our insurance 2027"' in page and "Renewed in May" in page
    assert not Evidence.objects.filter(title="Our insurance 2027").exists()


@pytest.fixture
def teller(make_user):
    return make_user(email="iphone-teller@example.org")


def test_an_iphone_photo_with_a_story_is_kept_as_a_jpeg_without_its_location(client, case_study_index, teller):  # noqa: F811
    client.force_login(teller)
    photo = SimpleUploadedFile("IMG_0043.HEIC", heic_with_location(), content_type="image/heic")
    response = client.post(STORY, story_data(photo=photo, photo_alt="Our lunch club's long table"))
    assert response.status_code == 302, response.content.decode()[:2000]
    image = CaseStudyPage.objects.get(title="Our lunch club").hero_image
    assert image.file.name.endswith(".jpg")
    with default_storage.open(image.file.name, "rb") as handle:
        assert_no_metadata(handle.read(), image_format="JPEG")


def test_a_refused_story_photo_keeps_the_story_and_says_why(client, case_study_index, teller):  # noqa: F811
    client.force_login(teller)
    photo = SimpleUploadedFile("scan.tiff", b"II*\x00" + b"\x00" * 64, content_type="image/tiff")
    response = client.post(STORY, story_data(photo=photo, photo_alt="A scan"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The file is not a photo we can read" in page and "a photo from an iPhone (HEIC)" in page
    assert 'value="Our lunch club"' in page and "Forty older people eat together every week." in page
    assert not CaseStudyPage.objects.filter(title="Our lunch club").exists()


def test_a_good_photo_sent_with_a_mistake_elsewhere_asks_for_the_photo_again(client, case_study_index, teller):  # noqa: F811
    client.force_login(teller)
    photo = SimpleUploadedFile("IMG_0044.HEIC", heic_with_location(), content_type="image/heic")
    response = client.post(STORY, story_data(photo=photo, photo_alt="A table", consent=""))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your photo was fine" in page and "choose it again" in page
    assert 'value="A table"' in page and 'value="Our lunch club"' in page
