"""A story's photo: stored without location or other metadata, private until a moderator publishes the
story, public once published, deleted when the story is rejected, cancelled or deleted."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from resources.models import CaseStudyPage
from tests.images import assert_no_metadata, jpeg_with_location, png_with_text, truncated_jpeg

from .test_stories import story_data

pytestmark = [pytest.mark.django_db, pytest.mark.search_index]

NEW = "/stories/new/"
UPLOADED_NAME = "family-at-home-12-home-street.jpg"
ALT = "Grandparents and children cooking together"


@pytest.fixture
def teller(make_user):
    return make_user(email="photo-teller@example.org")


@pytest.fixture
def send_story(client, case_study_index, teller):
    """Send a story with a photo as `teller` through the public form; return the draft case study."""

    def send(data=None, name=UPLOADED_NAME, content_type="image/jpeg"):
        client.force_login(teller)
        photo = SimpleUploadedFile(name, data or jpeg_with_location(), content_type=content_type)
        response = client.post(NEW, story_data(photo=photo, photo_alt=ALT))
        assert response.status_code == 302, response.content.decode()[:2000]
        client.logout()
        return CaseStudyPage.objects.get(title="Our lunch club")

    return send


def stored_bytes(image):
    with default_storage.open(image.file.name, "rb") as handle:
        return handle.read()


def api_image_ids(client, **params):
    response = client.get("/api/v2/images/", params)
    if response.status_code == 400:  # a limit above WAGTAILAPI_LIMIT_MAX is refused outright
        assert "limit" in response.json()["message"]
        return set()
    assert response.status_code == 200
    return {item["id"] for item in response.json()["items"]}


def approve(client, page, moderator):
    client.force_login(moderator)
    task_state = page.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)), {"comment": ""}
    )
    assert response.status_code in {200, 302}
    client.logout()
    page.refresh_from_db()
    assert page.live


def test_an_unmoderated_story_photo_cannot_be_found_through_any_public_url(
    client, send_story, case_study_index, teller, moderator
):
    assert not Collection.objects.filter(name="Stories awaiting review").exists()  # made when first needed
    page = send_story()
    image = page.hero_image
    assert image is not None and not page.live

    # Kept in a collection whose view restriction records that only reviewers may see it.
    assert image.collection.name == "Stories awaiting review" and not image.collection.is_root()
    restriction = CollectionViewRestriction.objects.get(collection=image.collection)
    assert restriction.restriction_type == CollectionViewRestriction.GROUPS
    assert [group.name for group in restriction.groups.all()] == ["Moderators"]

    # Its file name is random, not the uploader's: nobody can guess its address.
    assert re.fullmatch(r"original_images/[0-9a-f]{32}\.jpg", image.file.name), image.file.name
    assert "family" not in image.file.name and "home" not in image.file.name
    stem = image.file.name.rsplit("/", 1)[1].split(".")[0]

    # The images API neither lists it nor shows it, to a visitor, to the person who sent it, or to staff.
    for who in [None, teller, moderator]:
        if who is not None:
            client.force_login(who)
        assert image.pk not in api_image_ids(client)
        assert image.pk not in api_image_ids(client, limit=100)
        assert image.pk not in api_image_ids(client, limit=20, order="-id")
        assert image.pk not in api_image_ids(client, search="Grandparents cooking")
        assert image.pk not in api_image_ids(client, search=image.title)
        assert client.get(f"/api/v2/images/{image.pk}/").status_code == 404
        assert client.get("/api/v2/images/find/", {"id": image.pk}).status_code == 404
        client.logout()

    # The case study is not live, so neither the pages API nor the site shows it or any rendition of the photo.
    assert client.get(page.url).status_code == 404
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    public = [
        client.get("/api/v2/pages/", {"type": "resources.CaseStudyPage", "fields": "*", "limit": 20}),
        client.get("/api/v2/pages/", {"fields": "*", "limit": 20}),
        client.get("/api/v2/images/", {"limit": 20, "fields": "*", "order": "-id"}),
        client.get(case_study_index.url),
        client.get(case_study_index.url + "feed/"),
        client.get("/search/", {"q": "lunch"}),
        client.get("/sitemap.xml"),
        client.get("/"),
    ]
    for response in public:
        assert response.status_code in {200, 404}
        assert stem not in response.content.decode()


def test_the_stored_photo_is_upright_and_carries_no_location_or_other_metadata(send_story):
    page = send_story()
    image = page.hero_image
    data = stored_bytes(image)
    assert_no_metadata(data, image_format="JPEG")
    # Sent 60 wide and 40 high with "turn 90°" in its EXIF: stored already turned.
    with PILImage.open(io.BytesIO(data)) as stored:
        assert stored.size == (40, 60)
    assert (image.width, image.height) == (40, 60)


def test_a_png_photo_stays_a_png_without_its_text_chunks(send_story):
    page = send_story(data=png_with_text(), name="kitchen.png", content_type="image/png")
    image = page.hero_image
    assert re.fullmatch(r"original_images/[0-9a-f]{32}\.png", image.file.name), image.file.name
    assert_no_metadata(stored_bytes(image), image_format="PNG")


def test_a_moderator_sees_the_photo_when_reviewing(client, send_story, moderator):
    page = send_story()
    stem = page.hero_image.file.name.rsplit("/", 1)[1].split(".")[0]
    client.force_login(moderator)
    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=(page.pk,)))
    assert preview.status_code == 200
    html = preview.content.decode()
    rendition = re.search(rf'<img src="([^"]*{stem}[^"]*)"[^>]*alt="{ALT}"', html)
    assert rendition, html[:3000]
    assert default_storage.exists(rendition.group(1).removeprefix("/media/"))


def test_a_published_story_shows_its_photo_in_the_images_api(client, send_story, moderator):
    page = send_story()
    image = page.hero_image
    approve(client, page, moderator)

    image.refresh_from_db()
    assert not CollectionViewRestriction.objects.filter(collection=image.collection).exists()
    assert image.pk in api_image_ids(client)
    detail = client.get(f"/api/v2/images/{image.pk}/")
    assert detail.status_code == 200
    download_url = detail.json()["meta"]["download_url"]
    assert download_url.endswith(image.file.name)
    assert_no_metadata(stored_bytes(image), image_format="JPEG")
    item = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert item["hero_image"]["id"] == image.pk


def test_a_story_a_moderator_publishes_directly_keeps_its_photo(
    client, send_story, moderator, django_capture_on_commit_callbacks
):
    page = send_story()
    image = page.hero_image
    # Publishing while the review is in progress cancels the review: the photo must survive that.
    with django_capture_on_commit_callbacks(execute=True):
        page.get_latest_revision().publish(user=moderator)
    page.refresh_from_db()
    assert page.live and page.hero_image_id == image.pk
    assert image.pk in api_image_ids(client)
    assert default_storage.exists(image.file.name)


def test_an_unpublished_story_photo_is_private_again(client, send_story, moderator):
    page = send_story()
    image = page.hero_image
    approve(client, page, moderator)
    assert image.pk in api_image_ids(client)
    page.unpublish(user=moderator)
    assert image.pk not in api_image_ids(client)
    assert client.get(f"/api/v2/images/{image.pk}/").status_code == 404


def assert_photo_gone(image, renditions):
    Image = get_image_model()
    assert not Image.objects.filter(pk=image.pk).exists()
    assert not Image.get_rendition_model().objects.filter(image_id=image.pk).exists()
    for name in [image.file.name, *renditions]:
        assert not default_storage.exists(name), name


def make_rendition(image):
    rendition = image.get_rendition("max-960x640")
    assert rendition.image_id == image.pk and default_storage.exists(rendition.file.name)
    return [rendition.file.name]


def test_a_rejected_story_loses_its_photo(send_story, moderator, django_capture_on_commit_callbacks):
    page = send_story()
    image = page.hero_image
    renditions = make_rendition(image)
    task_state = page.current_workflow_task_state
    with django_capture_on_commit_callbacks(execute=True):
        task_state.task.specific.on_action(task_state, moderator, "reject")
    assert_photo_gone(image, renditions)
    page.refresh_from_db()
    assert page.hero_image is None and not page.live


def test_a_rejected_story_through_the_admin_loses_its_photo(
    client, send_story, moderator, django_capture_on_commit_callbacks
):
    page = send_story()
    image = page.hero_image
    client.force_login(moderator)
    task_state = page.current_workflow_task_state
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "reject", task_state.pk)),
            {"comment": "Please send a photo without children in it."},
        )
    assert response.status_code in {200, 302}
    assert_photo_gone(image, [])


def test_a_cancelled_review_loses_its_photo(send_story, teller, django_capture_on_commit_callbacks):
    page = send_story()
    image = page.hero_image
    with django_capture_on_commit_callbacks(execute=True):
        page.current_workflow_state.cancel(user=teller)
    assert_photo_gone(image, [])


def test_a_deleted_story_loses_its_photo(client, send_story, moderator, django_capture_on_commit_callbacks):
    page = send_story()
    image = page.hero_image
    renditions = make_rendition(image)
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)))
    assert response.status_code == 302
    assert not CaseStudyPage.objects.filter(pk=page.pk).exists()
    assert_photo_gone(image, renditions)


def test_a_deleted_published_story_loses_its_photo(client, send_story, moderator, django_capture_on_commit_callbacks):
    page = send_story()
    image = page.hero_image
    approve(client, page, moderator)
    with django_capture_on_commit_callbacks(execute=True):
        CaseStudyPage.objects.get(pk=page.pk).delete()
    assert_photo_gone(image, [])


def test_other_images_are_left_alone_when_a_story_is_rejected(
    send_story, moderator, django_capture_on_commit_callbacks
):
    Image = get_image_model()
    buffer = io.BytesIO()
    PILImage.new("RGB", (10, 10)).save(buffer, format="PNG")
    library = Image.objects.create(title="Library photo", file=SimpleUploadedFile("library.png", buffer.getvalue()))
    page = send_story()
    task_state = page.current_workflow_task_state
    with django_capture_on_commit_callbacks(execute=True):
        task_state.task.specific.on_action(task_state, moderator, "reject")
    assert Image.objects.filter(pk=library.pk).exists() and default_storage.exists(library.file.name)


def test_a_corrupt_photo_is_a_form_error_not_a_server_error(client, case_study_index, teller):
    client.force_login(teller)
    upload = SimpleUploadedFile("photo.jpg", truncated_jpeg(), content_type="image/jpeg")
    response = client.post(NEW, story_data(photo=upload, photo_alt="A photo"))
    assert response.status_code == 200
    assert "not a photo we can read" in response.content.decode()
    assert not CaseStudyPage.objects.exists()
    assert not get_image_model().objects.exists()


def test_a_photo_the_moderator_takes_out_is_deleted_when_the_story_is_published(
    send_story, moderator, django_capture_on_commit_callbacks
):
    page = send_story()
    image = page.hero_image
    draft = page.get_latest_revision_as_object()
    draft.hero_image, draft.hero_image_alt = None, ""
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision(user=moderator).publish(user=moderator)
    page.refresh_from_db()
    assert page.live and page.hero_image is None
    assert_photo_gone(image, [])
