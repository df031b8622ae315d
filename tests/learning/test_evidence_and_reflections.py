"""Evidence uploads (type, size, disguised programs, private storage) and reflections."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from learning.models import Evidence, Reflection
from tests.images import plain_png

from .factories import PDF_BYTES

pytestmark = pytest.mark.django_db

PNG_BYTES = plain_png()


def upload(client, world, name, data, **extra):
    return client.post(
        reverse("learning:evidence_add", args=[world.group.slug]) + f"?step={world.step.pk}",
        {"evidence_type": "insurance", "title": "Insurance", "file": SimpleUploadedFile(name, data), **extra},
    )


def test_a_pdf_is_kept_privately_and_served_only_through_the_checked_view(client, world, private_media, settings):
    client.force_login(world.member)
    response = upload(client, world, "policy.pdf", PDF_BYTES, valid_until="2030-01-01")
    assert response.status_code == 302
    evidence = Evidence.objects.get(title="Insurance")
    stored = private_media / evidence.file.name
    assert stored.exists()
    assert not str(stored.resolve()).startswith(str(__import__("pathlib").Path(settings.MEDIA_ROOT).resolve()))
    assert "policy" not in evidence.file.name  # a random name, not the uploader's
    with pytest.raises(ValueError):
        evidence.file.url  # noqa: B018
    assert client.get(settings.MEDIA_URL + evidence.file.name).status_code == 404
    served = client.get(reverse("learning:evidence_file", args=[world.group.slug, evidence.pk]))
    assert served["Content-Disposition"] == 'attachment; filename="policy.pdf"'
    assert served["X-Content-Type-Options"] == "nosniff"


def test_an_image_is_shown_inline_with_nosniff(client, world):
    client.force_login(world.member)
    upload(client, world, "certificate.png", PNG_BYTES)
    evidence = Evidence.objects.get(title="Insurance")
    served = client.get(reverse("learning:evidence_file", args=[world.group.slug, evidence.pk]))
    assert served["Content-Type"] == "image/png"
    assert served["Content-Disposition"].startswith("inline")
    assert served["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("minutes.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200),
        ("minutes.txt", b"\x7fELF\x02\x01\x01" + b"\x00" * 200),
        ("minutes.docx", b"MZ\x90\x00" + b"\x00" * 200),
        ("minutes.png", PDF_BYTES),
    ],
)
def test_a_disguised_file_is_refused_with_a_clear_message(client, world, name, data):
    client.force_login(world.member)
    response = upload(client, world, name, data, note="Please keep this note")
    assert response.status_code == 200
    assert b"does not look like a" in response.content
    assert b"Please keep this note" in response.content
    assert not Evidence.objects.filter(title="Insurance").exists()


def test_a_program_or_unknown_type_is_refused(client, world):
    client.force_login(world.member)
    response = upload(client, world, "setup.exe", b"MZ" + b"\x00" * 100)
    assert b"Files of that type cannot be added" in response.content


def test_an_oversized_file_is_refused(client, world, settings):
    settings.LEARNING_EVIDENCE_MAX_BYTES = 1000
    client.force_login(world.member)
    response = upload(client, world, "big.pdf", PDF_BYTES + b"0" * 2000)
    assert response.status_code == 200
    assert b"Files can be up to" in response.content


def test_a_note_without_a_file_is_fine_but_nothing_at_all_is_not(client, world):
    client.force_login(world.member)
    url = reverse("learning:evidence_add", args=[world.group.slug])
    assert client.post(url, {"evidence_type": "other", "title": "Empty"}).status_code == 200
    response = client.post(url, {"evidence_type": "safeguarding_lead", "title": "Lead", "note": "Sam is our lead"})
    assert response.status_code == 302
    assert Evidence.objects.get(title="Lead").step is None


def test_removing_evidence_keeps_the_record_and_deletes_the_file(client, world, private_media):
    path = private_media / world.evidence.file.name
    assert path.exists()
    client.force_login(world.coordinator)
    client.post(reverse("learning:evidence_remove", args=[world.group.slug, world.evidence.pk]))
    world.evidence.refresh_from_db()
    assert world.evidence.removed_at is not None and not path.exists()
    served = client.get(reverse("learning:evidence_file", args=[world.group.slug, world.evidence.pk]))
    assert served.status_code == 404


def test_expired_evidence_says_so():
    assert Evidence(valid_until=timezone.localdate() - timedelta(days=1)).is_expired
    assert not Evidence(valid_until=None).is_expired


def test_reflections_are_kept_as_typed_and_shown_as_text(client, world):
    typed = '<p onclick="x()">Hello <script>alert(1)</script><strong>team</strong></p>'
    client.force_login(world.member)
    client.post(reverse("learning:reflection_add", args=[world.group.slug, world.step.pk]), {"text": typed})
    reflection = Reflection.objects.latest("pk")
    assert reflection.text == typed
    page = client.get(f"{world.step.url}?group={world.group.slug}").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;strong&gt;team&lt;/strong&gt;" in page
    assert "<script>alert(1)" not in page and "<strong>team</strong>" not in page


def test_an_empty_reflection_redisplays_the_form(client, world):
    client.force_login(world.member)
    response = client.post(reverse("learning:reflection_add", args=[world.group.slug, world.step.pk]), {"text": ""})
    assert response.status_code == 200 and b"There is a problem" in response.content


def test_authors_edit_and_delete_only_within_the_time_window(client, world, settings):
    client.force_login(world.member)
    edit = reverse("learning:reflection_edit", args=[world.group.slug, world.reflection.pk])
    client.post(edit, {"text": "Changed"})
    world.reflection.refresh_from_db()
    assert "Changed" in world.reflection.text and world.reflection.edited
    Reflection.objects.filter(pk=world.reflection.pk).update(created=timezone.now() - timedelta(days=30))
    assert client.get(edit).status_code == 403
    delete = reverse("learning:reflection_delete", args=[world.group.slug, world.reflection.pk])
    assert client.post(delete).status_code == 403
    Reflection.objects.filter(pk=world.reflection.pk).update(created=timezone.now())
    client.post(delete)
    assert not Reflection.objects.filter(pk=world.reflection.pk).exists()


def test_hidden_reflections_are_hidden_from_members_but_not_the_author_or_coordinator(client, world):
    Reflection.objects.filter(pk=world.reflection.pk).update(hidden=True)
    second = world.group.people[0]
    assert second == world.member
    from .factories import make_person

    another = make_person()
    world.group.memberships.create(user=another, role="member")
    url = f"{world.step.url}?group={world.group.slug}"
    client.force_login(another)
    assert b"We met." not in client.get(url).content
    client.force_login(world.coordinator)
    assert b"We met." in client.get(url).content
