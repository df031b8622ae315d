"""After a failed submit the page opens at the error summary, with what the person typed still there
(issue 17, item 7): the summary has the id forms post to ("#error-summary") and takes focus itself, so
it works without JavaScript even at the foot of a funder's long review page; password messages are
plain and sit beside the box they are about."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import Site

from learning.readiness.rating import Rag
from tests.once import built_once, fresh_copy
from tests.readiness.conftest import build_world, post_review, share
from tests.resources.factories import make_case_study_index
from tests.resources.test_stories import story_data

pytestmark = pytest.mark.django_db

SUMMARY = '<div class="error-summary" id="error-summary" role="alert" tabindex="-1" autofocus>'
PASSWORD = "a-long-test-password"


def assert_opens_at_the_summary(page, *, action=None):
    """The summary is there, is the page's one autofocus, and (where given) the form posts to it."""
    assert SUMMARY in page
    assert page.count("autofocus") == 1, "a form field kept its autofocus beside the summary's"
    if action is not None:
        assert f'action="{action}"' in page


def error_beside(page, field_id):
    """The error message shown with the field `field_id` (empty when there is none)."""
    found = re.search(rf'<p class="error-message" id="{field_id}_error">(.*?)</p>', page, re.S)
    return found.group(1) if found else ""


# --- Signing in and up, and passwords -------------------------------------------------------------------


def test_a_failed_sign_in_opens_at_the_summary_with_the_email_kept(client, make_user):
    make_user(email="sam@example.org")
    response = client.post(reverse("accounts:login"), {"username": "sam@example.org", "password": "wrong"})
    page = response.content.decode()
    assert response.status_code == 200
    assert_opens_at_the_summary(page, action=reverse("accounts:login"))
    assert "We could not sign you in with that email address and password." in page
    assert 'value="sam@example.org"' in page
    # The password box is emptied (a password never sits in the page) and the page says so.
    assert "the password box is emptied when something needs fixing: type it again" in page


def test_sign_up_says_what_is_wrong_beside_each_password_box(client):
    response = client.post(
        reverse("accounts:signup"),
        {"email": "new@example.org", "display_name": "Ann Jones", "password1": "short", "password2": "shorter"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert_opens_at_the_summary(page)
    assert 'action="#error-summary"' not in page  # a short form: the summary is in view anyway
    assert "The two passwords are different. Type the same new password in both boxes." in error_beside(
        page, "id_password2"
    )
    assert "too short" in error_beside(page, "id_password1")
    assert "Type the password again" in page and "Password confirmation" not in page
    assert 'value="new@example.org"' in page and 'value="Ann Jones"' in page
    assert "the password boxes are emptied when something needs fixing" in page


def test_a_wrong_current_password_is_named_beside_its_box(client, make_user):
    client.force_login(make_user(email="sam@example.org", password=PASSWORD))
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "not-it", "new_password1": "a-new-long-password", "new_password2": "a-new-long-password"},
    )
    page = response.content.decode()
    assert_opens_at_the_summary(page)
    assert "That is not your current password. Check it and type it again." in error_beside(page, "id_old_password")


# --- Telling a story ------------------------------------------------------------------------------------


def test_a_story_with_a_mistake_comes_back_at_the_summary_with_every_word_kept(client, make_user):
    make_case_study_index(Site.objects.get(is_default_site=True).root_page)
    client.force_login(make_user(email="teller@example.org"))
    response = client.post("/stories/new/", story_data(title=""))
    page = response.content.decode()
    assert response.status_code == 200
    assert_opens_at_the_summary(page, action="#error-summary")
    assert 'href="#id_title"' in page
    assert "Forty older people eat together every week." in page and 'value="Seaside Lunch Club"' in page


# --- A funder's review and the group's reply (the long pages) ----------------------------------------------


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The readiness world shared with funder A, built once for this part of the module."""
    with built_once(django_db_blocker, tmp_path_factory):
        w = build_world()
        w.grant = share(w)
        w.review = post_review(w.grant, "conditions")
        yield w


@pytest.fixture
def world(db, _built, settings, tmp_path):
    settings.LEARNING_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return fresh_copy(_built)


@pytest.fixture
def signed_in(client):
    def sign_in(person):
        client.force_login(person)
        return client

    return sign_in


def test_a_funders_review_with_a_mistake_opens_at_the_summary_with_the_feedback_kept(signed_in, world):
    client = signed_in(world.reviewer_a)
    url = reverse("readiness:funder_group", kwargs={"slug": world.group.slug})
    form = client.get(url).context["form"]
    data = {"decision": "conditions", "feedback": "Your minutes are clear; the budget needs work."}
    for domain, suggestion in form.suggestions.items():
        data[f"rating_{domain.pk}"] = suggestion.rating
        data[f"reason_{domain.pk}"] = ""
        data[f"comment_{domain.pk}"] = ""
    data[f"rating_{world.money.pk}"] = Rag.GREEN  # another rating than the Hub's, with no reason
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert_opens_at_the_summary(page)
    assert "Say why you gave a different rating from the one the Hub suggested." in page
    assert "Your minutes are clear; the budget needs work." in page
    # The summary comes before the form's first field, so focus lands on it and not further down.
    assert page.index(SUMMARY) < page.index(f'name="rating_{world.governance.pk}"')


def test_the_groups_reply_with_a_mistake_opens_at_the_summary_with_the_text_kept(signed_in, world):
    url = reverse("readiness:group_review", kwargs={"slug": world.group.slug, "pk": world.review.pk})
    reply = "Thank you for the review. " + "We renewed the insurance. " * 200
    response = signed_in(world.coordinator).post(url, {"body": reply})
    page = response.content.decode()
    assert response.status_code == 200
    assert_opens_at_the_summary(page, action="#error-summary")
    assert "Ensure this value has at most 5000 characters" in page
    assert reply.strip() in page


# --- One summary for every form ---------------------------------------------------------------------


def test_every_form_page_shows_its_errors_through_the_one_summary():
    """No template writes an error summary of its own: they include resources/includes/form_errors.html
    (the Hub's includes/form_errors.html is that template too), so every form opens at its summary."""
    root = Path(settings.BASE_DIR)
    own = {
        path.relative_to(root).as_posix()
        for folder in ("accounts", "home", "learning", "resources", "site")
        for path in (root / folder).rglob("*.html")
        if 'class="error-summary"' in path.read_text()
    }
    # The one summary, and a page that is a notice rather than a form.
    assert own == {
        "resources/templates/resources/includes/form_errors.html",
        "learning/readiness/templates/readiness/no_longer_shared.html",
    }
