"""The visitor page cache: fast for visitors, never stale after a publish, never a preview, never personal."""

import pytest
from django.contrib.messages import constants as message_constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import escape
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from home.models import StandardPage
from home.page_cache import CACHE_HEADER
from learning.models import StepPage
from learning.services import evidence as evidence_services
from learning.services import progress
from resources.models import CaseStudyPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def demo(shared_demo):
    """The demo built once for this module; each test's changes roll back (tests/conftest.py)."""
    return shared_demo


STEP_PATH = "/pathways/ready-to-co-produce/1-coming-together/why-are-we-here/"


def visit(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response, response.content.decode()


def latest_english_case_study():
    """The newest English case study: the one the English home page lists first (the demo's Gaelic
    translation of a case study is newer, and shows only on the Gaelic home page)."""
    return CaseStudyPage.objects.live().filter(locale__language_code="en-gb").order_by("-first_published_at").first()


def about_page():
    return StandardPage.objects.get(slug="about")


def test_a_visitor_gets_the_second_view_from_the_cache_with_the_same_page(client, home_page):
    first, first_html = visit(client, "/about/")
    second, second_html = visit(client, "/about/")
    assert first[CACHE_HEADER] == "miss"
    assert second[CACHE_HEADER] == "hit"
    assert second_html == first_html


def test_a_visitor_sees_a_publish_at_once(client, home_page):
    visit(client, "/about/")
    page = about_page()
    page.body = "<p>Freshly published words.</p>"
    page.save_revision().publish()

    response, html = visit(client, "/about/")
    assert "Freshly published words." in html
    assert response[CACHE_HEADER] == "miss"


def test_publishing_one_page_refreshes_the_pages_that_list_it(client, home_page):
    visit(client, "/")
    visit(client, "/case-studies/")
    study = latest_english_case_study()
    study.title = "A story retold for the home page"
    study.save_revision().publish()

    assert "A story retold for the home page" in visit(client, "/")[1]
    assert "A story retold for the home page" in visit(client, "/case-studies/")[1]

    study.unpublish()
    assert "A story retold for the home page" not in visit(client, "/")[1]


def test_a_draft_is_never_shown_to_visitors(client, home_page):
    visit(client, "/about/")
    page = about_page()
    page.body = "<p>Words still in draft.</p>"
    page.save_revision()  # saved, not published

    assert "Words still in draft." not in visit(client, "/about/")[1]


def test_a_preview_is_never_served_from_the_cache_nor_stored_in_it(client, home_page, make_user):
    editor_client = client.__class__()
    editor_client.force_login(make_user(is_staff=True, is_superuser=True))
    page = about_page()
    live_html = visit(client, "/about/")[1]  # the live page is now cached

    form = querydict_from_html(
        editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode(),
        form_id="page-edit-form",
    )
    form["body"] = rich_text("<p>Words only an editor previews.</p>")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert editor_client.post(preview_url, form).json()["is_valid"]
    preview_html = editor_client.get(preview_url).content.decode()
    assert "Words only an editor previews." in preview_html

    response, html = visit(client, "/about/")
    assert "Words only an editor previews." not in html
    assert html == live_html
    assert response[CACHE_HEADER] == "hit"


def test_signed_in_people_never_get_the_visitor_copy_and_never_fill_it(client, home_page, make_user):
    visitor_html = visit(client, "/about/")[1]
    assert reverse("accounts:login") in visitor_html

    person = client.__class__()
    person.force_login(make_user())
    response, html = visit(person, "/about/")
    assert CACHE_HEADER not in response
    assert f'href="{reverse("accounts:account")}"' in html
    assert reverse("accounts:logout") in html

    other = client.__class__()
    response, html = visit(other, "/about/")
    assert response[CACHE_HEADER] == "hit"
    assert f'href="{reverse("accounts:account")}"' not in html
    assert reverse("accounts:logout") not in html


def cache_directives(response):
    return {part.split("=")[0].strip().lower() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_only_signed_in_people_get_pages_marked_private_so_visitor_pages_stay_cacheable(client, home_page, make_user):
    for path in ("/about/", STEP_PATH):
        for expected in ("miss", "hit"):
            response = visit(client, path)[0]
            assert response[CACHE_HEADER] == expected, path
            assert not {"private", "no-store", "no-cache"} & cache_directives(response), path

        person = client.__class__()
        person.force_login(make_user())
        response = visit(person, path)[0]
        assert {"private", "no-store"} <= cache_directives(response), path
        assert "cookie" in response["Vary"].lower(), path
        assert CACHE_HEADER not in response

        assert visit(client, path)[0][CACHE_HEADER] == "hit"  # the signed-in visit changed nothing kept


def test_a_groups_work_on_a_step_never_reaches_another_person(client, home_page):
    from django.contrib.auth import get_user_model

    from learning.models import CommunityGroup

    users = get_user_model().objects
    step = StepPage.objects.get(url_path__endswith="/why-are-we-here/")
    group = CommunityGroup.objects.get(slug="northfield-parents-voice")
    lead = users.get(email="northfield.lead@example.org")
    if not group.enrolments.filter(pathway_id=step.pathway_id).exists():
        progress.enrol(group=group, pathway=step.pathway, by=lead)
    evidence_services.add_reflection(group=group, step=step, by=lead, text="<p>Our private thoughts on trust.</p>")

    visit(client, STEP_PATH)  # a visitor's copy is cached first
    member = client.__class__()
    member.force_login(lead)
    html = visit(member, f"{STEP_PATH}?group={group.slug}")[1]
    assert escape(group.name) in html
    assert "Our private thoughts on trust." in html

    someone_else = client.__class__()
    someone_else.force_login(users.get(email="coordinator@example.org"))
    for viewer, path in ((someone_else, STEP_PATH), (someone_else, f"{STEP_PATH}?group={group.slug}")):
        html = viewer.get(path).content.decode()
        assert "Our private thoughts on trust." not in html
        assert escape(group.name) not in html
    for path in (STEP_PATH, f"{STEP_PATH}?group={group.slug}"):
        html = visit(client.__class__(), path)[1]
        assert "Our private thoughts on trust." not in html
        assert escape(group.name) not in html
        assert reverse("accounts:logout") not in html


def test_a_message_waiting_for_a_visitor_is_neither_cached_nor_taken_from_the_cache(client, home_page):
    visit(client, "/about/")
    storage = CookieStorage(HttpRequest())
    storage.add(message_constants.INFO, "A note for this visitor alone.")
    carrier = HttpResponse()
    storage.update(carrier)  # as the view that added the message would have answered
    client.cookies[CookieStorage.cookie_name] = carrier.cookies[CookieStorage.cookie_name].value

    response, html = visit(client, "/about/")
    assert "A note for this visitor alone." in html
    assert CACHE_HEADER not in response

    stranger_html = visit(client.__class__(), "/about/")[1]
    assert "A note for this visitor alone." not in stranger_html


def test_the_cache_can_be_switched_off(client, home_page, settings):
    settings.HUB_PAGE_CACHE_SECONDS = 0
    visit(client, "/about/")
    assert CACHE_HEADER not in visit(client, "/about/")[0]


def test_a_page_restricted_after_it_was_cached_is_never_handed_out_again(client, home_page):
    from wagtail.models import PageViewRestriction

    visit(client, "/about/")
    PageViewRestriction.objects.create(page=about_page(), restriction_type=PageViewRestriction.LOGIN)

    for _attempt in range(2):
        response = client.get("/about/")
        assert response.status_code == 302  # to sign in, never the copy kept before
        assert CACHE_HEADER not in response


def test_signed_in_people_see_a_publish_at_once_in_the_home_pages_kept_sections(client, home_page, make_user):
    client.force_login(make_user())
    visit(client, "/")  # fills the kept copy of the home page sections
    study = latest_english_case_study()
    study.title = "A story the home page sections must show"
    study.save_revision().publish()

    assert "A story the home page sections must show" in visit(client, "/")[1]


def test_a_home_page_preview_renders_its_sections_afresh(client, home_page, make_user):
    editor_client = client.__class__()
    editor_client.force_login(make_user(is_staff=True, is_superuser=True))
    visit(client, "/")
    study = latest_english_case_study()
    # Changed in the database without a log entry, so only a fresh render can show it.
    CaseStudyPage.objects.filter(pk=study.pk).update(title="Seen only by a fresh render")
    assert "Seen only by a fresh render" not in visit(editor_client, "/")[1]  # the kept sections

    form = querydict_from_html(
        editor_client.get(reverse("wagtailadmin_pages:edit", args=[home_page.pk])).content.decode(),
        form_id="page-edit-form",
    )
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[home_page.pk])
    assert editor_client.post(preview_url, form).json()["is_valid"]
    assert "Seen only by a fresh render" in editor_client.get(preview_url).content.decode()
