"""Gaelic and English: addresses per language, the switcher, alternates, sitemap, search, the page cache,
a person's language and a Gaelic speaker's work on a translated step (issue 15)."""

import re
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.utils.html import escape
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from demo import gaelic_content
from learning.models import CommunityGroup, Reflection, StepPage, StepProgress, StepStatus

pytestmark = pytest.mark.django_db

ABOUT = "/about/"
GAELIC_ABOUT = "/gd/mun-ionad/"
STEP = "/pathways/ready-to-co-produce/1-coming-together/why-are-we-here/"
GAELIC_STEP = "/gd/slighean/deiseil-airson-co-riochdachadh/1-a-tighinn-comhla/carson-a-tha-sinn-an-seo/"


@pytest.fixture
def demo(shared_demo):
    """The demo built once for this module; each test's changes roll back (tests/conftest.py)."""
    return shared_demo


def html_lang(html):
    return re.search(r"<html lang=\"([^\"]+)\"", html).group(1)


def switcher_links(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return re.findall(r'href="([^"]+)" lang="([^"]+)"', nav)


def heading(html):
    return re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).strip()


def get(client, path, **extra):
    response = client.get(path, **extra)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def test_every_demo_page_named_in_the_brief_has_a_live_gaelic_version_with_every_passage_translated(demo):
    gaelic = Locale.objects.get(language_code="gd")
    for slug, strings in gaelic_content.PAGES.items():
        english = gaelic_content.english_page(slug)
        translated = english.get_translation(gaelic)
        assert translated.live
        assert translated.title == strings[english.title]
        # Translating again finds a Gaelic text for every passage of the English page.
        assert gaelic_content.translate_page(english, strings, gaelic) == []


def test_a_page_is_english_at_the_root_and_gaelic_under_gd(client, demo):
    english = get(client, ABOUT)
    assert html_lang(english) == "en-gb"
    assert heading(english) == "About the Hub"
    gaelic = get(client, GAELIC_ABOUT)
    assert html_lang(gaelic) == "gd"
    assert heading(gaelic) == "Mun Ionad"
    assert '<a href="/gd/stiuiridhean/">Stiùiridhean</a>' in gaelic  # the Gaelic menu


def test_the_switcher_takes_a_visitor_to_the_gaelic_version_of_the_same_page_and_back(client, demo):
    (href, code), *_ = switcher_links(get(client, ABOUT))
    assert code == "gd"
    response = client.get(href)
    assert response.status_code == 302
    assert response["Location"] == GAELIC_ABOUT
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "gd"
    ((back, back_code),) = switcher_links(get(client, GAELIC_ABOUT))
    assert back_code == "en-gb"
    assert client.get(back)["Location"] == ABOUT


def test_a_page_with_no_gaelic_version_says_so_in_english_after_the_switch(client, demo):
    ((href, _code),) = switcher_links(get(client, "/privacy/"))
    target = client.get(href)["Location"]
    assert target == "/privacy/?language=gd"
    html = get(client, target)
    assert html_lang(html) == "en-gb"
    assert "This page has no Gàidhlig version yet, so you are reading the English one." in html
    assert '<p lang="gd">' in html
    # Without the switch, no notice.
    assert "language-fallback" not in get(client, "/privacy/")


def test_the_switcher_only_goes_to_this_site(client, demo):
    response = client.get("/language/gd/?next=https://evil.example/")
    assert response["Location"] == "/"


def test_translated_pages_name_each_other_as_alternates(client, demo):
    html = get(client, GAELIC_STEP)
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert alternates["gd"].endswith(GAELIC_STEP)
    assert alternates["en-gb"].endswith(STEP)
    assert alternates["x-default"].endswith(STEP)


def test_each_language_has_its_own_sitemap(client, demo):
    english = get(client, "/sitemap.xml")
    gaelic = get(client, "/gd/sitemap.xml")
    assert "/about/</loc>" in english and "/gd/" not in english
    assert "/gd/mun-ionad/</loc>" in gaelic and "/about/</loc>" not in gaelic


def test_search_finds_gaelic_pages_in_gaelic_and_english_pages_in_english(client, demo):
    backend = get_search_backend()
    case_study = gaelic_content.english_page("library-hours-in-the-western-isles")
    gaelic_case_study = case_study.get_translation(Locale.objects.get(language_code="gd"))
    for page in (case_study, gaelic_case_study):
        backend.add(page)
    gaelic = get(client, "/gd/search/?q=leabharlann")
    assert html_lang(gaelic) == "gd"
    assert escape(gaelic_case_study.title) in gaelic
    assert escape(case_study.title) not in gaelic
    english = get(client, "/search/?q=library")
    assert escape(case_study.title) in english
    assert escape(gaelic_case_study.title) not in english


def test_group_pages_follow_the_browser_then_the_switcher(client, demo, make_user):
    member = make_user(email="gaelic-reader@example.org")
    client.force_login(member)
    assert html_lang(get(client, "/groups/")) == "en-gb"
    assert html_lang(get(client, "/groups/", HTTP_ACCEPT_LANGUAGE="gd")) == "gd"
    client.get("/language/en-gb/?next=/groups/")
    assert html_lang(get(client, "/groups/", HTTP_ACCEPT_LANGUAGE="gd")) == "en-gb"


def test_a_person_chooses_their_language_on_the_account_page_and_it_applies_when_they_sign_in(client, demo, make_user):
    member = make_user(email="siubhan@example.org", password="a-long-test-password")
    client.force_login(member)
    account = get(client, "/accounts/")
    assert '<option value="gd">Gàidhlig</option>' in account
    response = client.post("/accounts/", {"display_name": "Siubhan", "interface_language": "gd"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "gd"
    member.refresh_from_db()
    assert member.interface_language == "gd"

    # Another browser: signing in brings the choice with it.
    other = type(client)()
    signed_in = other.post(
        "/accounts/sign-in/", {"username": "siubhan@example.org", "password": "a-long-test-password"}
    )
    assert signed_in.status_code == 302
    assert signed_in.cookies[settings.LANGUAGE_COOKIE_NAME].value == "gd"
    assert html_lang(get(other, "/accounts/")) == "gd"


def test_a_member_reading_the_gaelic_step_marks_it_done_and_reflects_on_the_groups_one_record(client, demo):
    group = CommunityGroup.objects.get(slug="riverside-tenants-together")
    client.force_login(group.memberships.get(user__email="member@example.org").user)
    english_step = StepPage.objects.get(url_path__endswith="/1-coming-together/why-are-we-here/")
    gaelic_step = english_step.get_translation(Locale.objects.get(language_code="gd"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "gd"
    StepProgress.objects.filter(group=group, step=english_step).delete()

    page = get(client, f"{GAELIC_STEP}?group={group.slug}")
    assert html_lang(page) == "gd"
    assert heading(page) == "Carson a tha sinn an seo?"
    action = f"/groups/{group.slug}/steps/{gaelic_step.pk}/status/"
    assert f'action="{action}"' in page

    done = client.post(action, {"action": "done"})
    assert done.status_code == 302
    assert unquote(done["Location"]) == f"{GAELIC_STEP}?group={group.slug}"
    progress = StepProgress.objects.get(group=group, step=english_step)
    assert progress.status in (StepStatus.DONE, StepStatus.AWAITING_CONFIRMATION)
    assert not StepProgress.objects.filter(step=gaelic_step).exists()

    reflected = client.post(
        f"/groups/{group.slug}/steps/{gaelic_step.pk}/reflections/new/",
        {"text": "Tha sinn airson talla na coimhearsnachd a chumail fosgailte."},
    )
    assert reflected.status_code == 302
    reflection = Reflection.objects.get(group=group, text__startswith="Tha sinn airson")
    assert reflection.step_id == english_step.pk
    after = get(client, f"{GAELIC_STEP}?group={group.slug}")
    assert "Tha sinn airson talla na coimhearsnachd a chumail fosgailte." in after
    assert html_lang(after) == "gd"


def test_the_api_lists_pages_per_locale(client, demo):
    gaelic = client.get("/api/v2/pages/?locale=gd&fields=title").json()
    titles = {item["title"] for item in gaelic["items"]}
    assert "Mun Ionad" in titles
    assert "About the Hub" not in titles
    english = client.get("/api/v2/pages/?locale=en-gb&fields=title").json()
    assert "About the Hub" in {item["title"] for item in english["items"]}


def test_only_the_default_language_pages_hold_group_records(demo):
    gaelic_pages = Page.objects.filter(locale__language_code="gd")
    assert gaelic_pages.exists()
    assert not StepProgress.objects.filter(step__in=gaelic_pages).exists()
