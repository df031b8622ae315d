"""Evidence images keep their pixels and lose their location: EXIF, XMP, comments and PNG text are
stripped, the EXIF orientation applied, before the file reaches the group's private library."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from learning.models import Evidence
from learning.services import evidence as evidence_services
from tests.images import assert_no_metadata, jpeg_with_location, png_with_text, truncated_jpeg

pytestmark = pytest.mark.django_db


def upload(client, world, name, data):
    return client.post(
        reverse("learning:evidence_add", args=[world.group.slug]),
        {"evidence_type": "insurance", "title": "Insurance", "file": SimpleUploadedFile(name, data)},
    )


def stored(private_media, evidence):
    return (private_media / evidence.file.name).read_bytes()


def test_an_evidence_photo_is_stored_upright_without_its_location(client, world, private_media):
    client.force_login(world.member)
    response = upload(client, world, "certificate-at-home.jpg", jpeg_with_location())
    assert response.status_code == 302
    evidence = Evidence.objects.get(title="Insurance")
    data = stored(private_media, evidence)
    assert_no_metadata(data, image_format="JPEG")
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (40, 60)
    assert evidence.content_type == "image/jpeg"
    assert evidence.original_filename == "certificate-at-home.jpg"
    assert evidence.file.name.endswith(".jpg") and "certificate" not in evidence.file.name

    served = client.get(reverse("learning:evidence_file", args=[world.group.slug, evidence.pk]))
    assert_no_metadata(b"".join(served.streaming_content), image_format="JPEG")


def test_an_evidence_png_stays_a_png_without_its_text_chunks(client, world, private_media):
    client.force_login(world.member)
    assert upload(client, world, "certificate.png", png_with_text()).status_code == 302
    evidence = Evidence.objects.get(title="Insurance")
    assert evidence.content_type == "image/png"
    assert_no_metadata(stored(private_media, evidence), image_format="PNG")


def test_the_service_strips_an_image_given_to_it_directly(world, private_media):
    evidence = evidence_services.add_evidence(
        group=world.group,
        by=world.member,
        content_type="image/jpeg",
        evidence_type="insurance",
        title="Insurance",
        file=SimpleUploadedFile("certificate.jpg", jpeg_with_location(), content_type="image/jpeg"),
    )
    assert_no_metadata(stored(private_media, evidence), image_format="JPEG")


def test_a_corrupt_evidence_image_is_a_form_error(client, world):
    client.force_login(world.member)
    response = upload(client, world, "certificate.jpg", truncated_jpeg())
    assert response.status_code == 200
    assert b"could not be read" in response.content
    assert not Evidence.objects.filter(title="Insurance").exists()
