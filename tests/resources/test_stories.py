"""Tell your story: sign-in, validation that keeps the text, photo checks, draft in moderation, XSS."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.models import WorkflowState

from resources.models import CaseStudyPage
from tests.security.xss import XSS_PAYLOADS, injected

pytestmark = pytest.mark.django_db

NEW = "/stories/new/"


def photo_bytes(image_format="PNG", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 120, 90)).save(buffer, format=image_format)
    return buffer.getvalue()


def story_data(**overrides):
    data = {
        "title": "Our lunch club",
        "group_name": "Seaside Lunch Club",
        "place": "east-lothian",
        "activities": ["co_design", "co_delivery"],
        "what_happened": "We met the council's catering team.\n\nTogether we planned a weekly lunch & chat.",
        "what_changed": "Forty older people eat together every week.",
        "who_was_involved": "East Lothian Council catering\nThe village hall committee",
        "photo_alt": "",
        "consent": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def member(make_user):
    return make_user(email="teller@example.org")


def test_anonymous_people_are_sent_to_sign_in(client, case_study_index):
    for url in [NEW, "/stories/", "/stories/thank-you/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert client.post(NEW, story_data()).status_code == 302
    assert not CaseStudyPage.objects.filter(title="Our lunch club").exists()


def test_the_form_is_labelled_and_asks_for_consent(client, case_study_index, member):
    client.force_login(member)
    html = client.get(NEW).content.decode()
    for field in [
        "title",
        "group_name",
        "place",
        "what_happened",
        "what_changed",
        "who_was_involved",
        "photo",
        "photo_alt",
        "consent",
    ]:
        assert f'for="id_{field}"' in html, field
    assert 'enctype="multipart/form-data"' in html


def test_bad_input_redisplays_the_form_with_errors_and_the_text_kept(client, case_study_index, member):
    client.force_login(member)
    data = story_data(consent="", place="", what_changed="")
    del data["consent"]
    response = client.post(NEW, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert html.count("This field is required.") >= 3
    assert "We met the council&#x27;s catering team." in html
    assert 'value="Our lunch club"' in html
    assert not CaseStudyPage.objects.exists()


def test_a_story_becomes_a_draft_case_study_in_case_study_review(client, case_study_index, member):
    client.force_login(member)
    response = client.post(NEW, story_data())
    assert response.status_code == 302 and response["Location"] == "/stories/thank-you/"
    page = CaseStudyPage.objects.get(title="Our lunch club")
    assert page.get_parent().specific == case_study_index
    assert not page.live and page.submitted_by == member and page.consent_given_at is not None
    assert page.place == "east-lothian" and page.co_design and page.co_delivery and not page.co_assessment
    assert [(p.name, p.kind) for p in page.partners.all()] == [
        ("Seaside Lunch Club", "community-group"),
        ("East Lothian Council catering", "other"),
        ("The village hall committee", "other"),
    ]
    assert "<p>Together we planned a weekly lunch &amp; chat.</p>" in str(page.what_they_did)
    state = page.current_workflow_state
    assert state.workflow.name == "Case study review" and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert client.get(page.url).status_code == 404

    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you for your story" in thanks
    listing = client.get("/stories/").content.decode()
    assert "Our lunch club" in listing and "Waiting for an editor to review it" in listing


def test_the_status_follows_the_workflow(client, case_study_index, member, moderator):
    client.force_login(member)
    client.post(NEW, story_data())
    page = CaseStudyPage.objects.get(title="Our lunch club")
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    page.refresh_from_db()
    assert page.live
    html = client.get("/stories/").content.decode()
    assert "Published" in html and f'href="{page.url}"' in html
    # Someone else sees only their own stories.
    client.force_login(moderator)
    assert "Our lunch club" not in client.get("/stories/").content.decode()


def test_a_photo_is_stored_with_its_description(client, case_study_index, member):
    client.force_login(member)
    photo = SimpleUploadedFile("lunch.png", photo_bytes(), content_type="image/png")
    response = client.post(NEW, story_data(photo=photo, photo_alt="People sharing soup at a long table"))
    assert response.status_code == 302
    page = CaseStudyPage.objects.get(title="Our lunch club")
    assert page.hero_image is not None and page.hero_image.width == 40
    assert page.hero_image_alt == "People sharing soup at a long table"


@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        ("fake.jpg", b"<?php echo 'not an image'; ?>", "image/jpeg", "not a photo we can read"),
        ("shape.gif", photo_bytes("GIF"), "image/gif", "Send the photo as a JPEG, PNG or WebP image"),
        ("broken.png", photo_bytes()[:60], "image/png", "not a photo we can read"),
    ],
)
def test_a_file_that_is_not_a_usable_photo_is_refused(
    client, case_study_index, member, name, content, content_type, message
):
    client.force_login(member)
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    response = client.post(NEW, story_data(photo=upload, photo_alt="A photo"))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CaseStudyPage.objects.exists()


def test_the_photo_size_limit_is_a_setting(client, case_study_index, member, settings):
    settings.RESOURCES_STORY_MAX_UPLOAD_BYTES = 50
    client.force_login(member)
    upload = SimpleUploadedFile("big.png", photo_bytes(), content_type="image/png")
    response = client.post(NEW, story_data(photo=upload, photo_alt="A photo"))
    assert "The photo is too big" in response.content.decode()
    assert not CaseStudyPage.objects.exists()


def test_a_photo_needs_a_description(client, case_study_index, member):
    client.force_login(member)
    upload = SimpleUploadedFile("lunch.png", photo_bytes(), content_type="image/png")
    response = client.post(NEW, story_data(photo=upload, photo_alt="  "))
    assert "Describe the photo for people who cannot see it." in response.content.decode()


TEXT_FIELDS = ["title", "group_name", "what_happened", "what_changed", "who_was_involved", "photo_alt"]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_xss_payload_survives_into_the_page_or_the_admin_preview(
    client, case_study_index, member, moderator, payload
):
    client.force_login(member)
    upload = SimpleUploadedFile("p.png", photo_bytes(), content_type="image/png")
    data = story_data(photo=upload, **{name: f"Safe {name} {payload} end" for name in TEXT_FIELDS})
    response = client.post(NEW, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = CaseStudyPage.objects.get()

    # What is stored holds no markup at all.
    stored = [page.title, page.summary, page.hero_image_alt, page.what_they_did[0].value.source, page.what_changed]
    stored += [partner.name for partner in page.partners.all()]
    for value in stored:
        assert not re.search(r"<\s*(script|img|svg|iframe|a|div|body|math|details|style|link|object)\b", value, re.I), (
            value
        )

    # The moderator's preview of the draft, and the published page, carry nothing executable.
    client.force_login(moderator)
    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=(page.pk,)))
    assert preview.status_code == 200
    assert "Safe what_happened" in preview.content.decode()
    task_state = page.current_workflow_task_state
    client.post(reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)), {})
    page.refresh_from_db()
    assert page.live
    client.logout()
    published = client.get(page.url).content.decode()
    for html in [preview.content.decode(), published, client.get(case_study_index.url).content.decode()]:
        assert injected(html) == []
        for marker in re.findall(r"xss-\d+", payload):
            assert f"alert('{marker}')" not in html and f'alert("{marker}")' not in html
