"""The request's site kept per content version (home/sites.py, issue 14).

A dashboard or portfolio needs its site only for the site's name, menu and footer, and a page Wagtail serves
needs it to route from its home page; the site is found once per content version, and an edit in Wagtail's
admin (which logs it, so the version moves) shows at once. Each request gets its own copy; with the page
cache off every request looks the site up.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, Page, Site

from home.models import StandardPage
from home.sites import find_site
from learning.models import CommunityGroup
from learning.services import progress
from resources.content_version import forget_what_the_process_keeps
from tests.learning.factories import make_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(shared_demo):
    return shared_demo


def site_queries(queries):
    return [query for query in queries.captured_queries if '"wagtailcore_site"' in query["sql"]]


def test_the_site_is_looked_up_once_per_content_version(rf, demo, page_cache):
    find_site(rf.get("/groups/"))
    with CaptureQueriesContext(connection) as queries:
        first, second = find_site(rf.get("/groups/")), find_site(rf.get("/funders/"))
    assert first.pk == second.pk == demo.pk
    assert first is not second  # each request its own copy
    assert site_queries(queries) == []


def test_a_site_edited_in_the_admin_is_found_afresh_at_once(client, rf, demo, page_cache, django_user_model):
    assert find_site(rf.get("/groups/")).hostname == demo.hostname
    editor = django_user_model.objects.create_superuser(email="site-admin@example.org", password="a-long-password-1")
    client.force_login(editor)
    response = client.post(
        reverse("wagtailsites:edit", args=[demo.pk]),
        {
            "hostname": "renamed.example.org",
            "port": demo.port,
            "site_name": demo.site_name,
            "root_page": demo.root_page_id,
            "is_default_site": "on",
        },
    )
    assert response.status_code == 302
    # The edit is logged, so the content version moves and the next request finds the edited site.
    assert find_site(rf.get("/groups/")).hostname == "renamed.example.org"


def test_with_the_page_cache_off_every_request_looks_the_site_up(rf, demo, settings):
    settings.HUB_PAGE_CACHE_SECONDS = 0
    find_site(rf.get("/groups/"))
    with CaptureQueriesContext(connection) as queries:
        find_site(rf.get("/groups/"))
    assert len(site_queries(queries)) == 1


def test_a_request_that_has_found_its_site_keeps_it(rf, demo, page_cache):
    request = rf.get("/groups/")
    request._wagtail_site = demo
    assert find_site(request) is demo


def test_the_dashboard_asks_no_site_query_once_the_site_is_kept(client, demo, page_cache):
    group = make_group(name="Rowan Terrace")
    client.force_login(group.coordinator)
    dashboard = f"/groups/{group.slug}/"
    client.get(dashboard)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(dashboard)
    assert response.status_code == 200
    assert site_queries(queries) == []


# Wagtail's own pages (home/sites.py, KeptSiteMiddleware): routed from the kept site, with its home page kept too.
STEP_PATH = "/pathways/ready-to-co-produce/1-coming-together/why-are-we-here/"
GAELIC_STEP = "/gd/slighean/deiseil-airson-co-riochdachadh/1-a-tighinn-comhla/carson-a-tha-sinn-an-seo/"


def home_page_queries(queries):
    return [query for query in queries.captured_queries if '"home_homepage"' in query["sql"]]


@pytest.fixture
def member(demo):
    group = make_group(name="Kept Site Lane")
    return group.coordinator


def test_a_signed_in_page_is_routed_with_no_site_or_home_page_query(client, demo, page_cache, member):
    client.force_login(member)
    client.get(STEP_PATH)
    with CaptureQueriesContext(connection) as queries:
        english = client.get(STEP_PATH)
        gaelic = client.get(GAELIC_STEP)
    assert english.status_code == gaelic.status_code == 200
    assert "<h1>Why are we here?</h1>" in english.content.decode()
    assert '<html lang="gd"' in gaelic.content.decode()
    assert site_queries(queries) == []
    # The English home page is the site's root, kept with it; the Gaelic one is looked up the first time.
    assert len(home_page_queries(queries)) == 1


def locale_queries(queries):
    return [query for query in queries.captured_queries if query["sql"].startswith('SELECT "wagtailcore_locale"')]


def test_once_kept_a_page_in_either_language_asks_no_language_or_home_page_query(
    client, demo, page_cache, member, settings
):
    settings.LEARNING_CONTENT_CACHE_SECONDS = 600  # the step page's own look-ups of languages kept too
    client.force_login(member)
    client.get(STEP_PATH), client.get(GAELIC_STEP)
    with CaptureQueriesContext(connection) as queries:
        english, gaelic = client.get(STEP_PATH), client.get(GAELIC_STEP)
    assert english.status_code == gaelic.status_code == 200
    assert "<h1>Why are we here?</h1>" in english.content.decode()
    assert '<html lang="gd"' in gaelic.content.decode()
    assert "Why are we here?" not in gaelic.content.decode().split("<h1>")[1].split("</h1>")[0]
    assert locale_queries(queries) == [] and home_page_queries(queries) == []


def test_a_gaelic_home_page_unpublished_is_no_longer_routed_from_at_once(client, demo, page_cache, member):
    client.force_login(member)
    assert client.get(GAELIC_STEP).status_code == 200
    gaelic_home = demo.root_page.get_translation(Locale.objects.get(language_code="gd"))
    gaelic_home.unpublish()
    # As Wagtail routes: the Gaelic home page is not live, so the English one is routed from, where the
    # Gaelic addresses lead nowhere.
    assert client.get(GAELIC_STEP).status_code == 404
    assert client.get("/gd" + STEP_PATH).status_code == 200


def translation_queries(queries):
    return [query for query in queries.captured_queries if '"wagtailcore_page"."translation_key" = ' in query["sql"]]


def test_the_language_links_are_kept_and_follow_a_translation_unpublished_at_once(client, demo, page_cache, member):
    client.force_login(member)
    client.get(STEP_PATH)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(STEP_PATH).content.decode()
    assert translation_queries(queries) == []
    gaelic_link = "/language/gd/?next=%2Fgd%2Fslighean%2Fdeiseil-airson-co-riochdachadh%2F"
    assert gaelic_link in html and f'<link rel="alternate" hreflang="gd" href="http://{demo.hostname}' in html
    step = Page.objects.get(url_path__endswith="/why-are-we-here/", locale__language_code="en-gb")
    step.get_translation(Locale.objects.get(language_code="gd")).unpublish()
    html = client.get(STEP_PATH).content.decode()
    # No Gaelic page now: the link asks for Gaelic on the English page, and no alternate names one.
    assert gaelic_link not in html and 'hreflang="gd" href="http' not in html
    assert (
        "/language/gd/?next=%2Fpathways%2Fready-to-co-produce%2F1-coming-together%2Fwhy-are-we-here%2F%3Flanguage%3Dgd"
        in html
    )


@pytest.mark.parametrize("left_to_wagtail, site_lookups", [([], 0), ([STEP_PATH], 1)])
def test_a_path_left_to_wagtail_looks_its_site_up_each_time(
    client, demo, page_cache, member, settings, left_to_wagtail, site_lookups
):
    settings.HUB_KEPT_SITE_SKIP_PATHS = left_to_wagtail
    client.force_login(member)
    client.get(STEP_PATH)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(STEP_PATH).status_code == 200
    assert len(site_queries(queries)) == site_lookups


def test_a_change_to_the_home_page_shows_at_once_to_signed_in_people(client, demo, page_cache, member):
    client.force_login(member)
    assert client.get("/").status_code == 200
    home = demo.root_page.specific
    home.hero_title = "Kept site, new words"
    home.save_revision().publish()
    assert "Kept site, new words" in client.get("/").content.decode()


def test_a_site_given_a_new_home_page_routes_from_it_at_once(client, demo, page_cache, member, django_user_model):
    client.force_login(member)
    assert client.get(STEP_PATH).status_code == 200
    # A new home page with nothing below it, made the site's root in Wagtail's admin (which logs the edit).
    new_home = Page.get_first_root_node().add_child(
        instance=StandardPage(title="New home", slug="new-home", body="<p>New</p>")
    )
    editor = django_user_model.objects.create_superuser(email="site-root@example.org", password="a-long-password-1")
    admin = Client()
    admin.force_login(editor)
    response = admin.post(
        reverse("wagtailsites:edit", args=[demo.pk]),
        {
            "hostname": demo.hostname,
            "port": demo.port,
            "site_name": demo.site_name,
            "root_page": new_home.pk,
            "is_default_site": "on",
        },
    )
    assert response.status_code == 302
    assert client.get(STEP_PATH).status_code == 404
    assert "New" in client.get("/").content.decode()


def test_each_host_is_routed_from_its_own_site(client, demo, page_cache, member):
    other_home = Page.get_first_root_node().add_child(
        instance=StandardPage(title="Other site home", slug="other-site-home", body="<p>Another site</p>")
    )
    Site.objects.create(hostname="other.example.org", port=80, root_page=other_home, site_name="Other")
    client.force_login(member)
    for _ in range(2):
        assert client.get(STEP_PATH).status_code == 200
        assert client.get(STEP_PATH, HTTP_HOST="other.example.org").status_code == 404
        assert "Another site" in client.get("/", HTTP_HOST="other.example.org").content.decode()


def test_what_the_process_keeps_is_forgotten_when_the_database_goes_back(rf, demo, page_cache):
    """A restored backup (or a test's rolled-back changes) can bring the same content version round again
    naming other content: forgetting drops the kept sites, so the next request looks its site up."""
    find_site(rf.get("/groups/"))
    forget_what_the_process_keeps()
    with CaptureQueriesContext(connection) as queries:
        assert find_site(rf.get("/groups/")).pk == demo.pk
    assert len(site_queries(queries)) == 1


def test_a_members_step_page_asks_five_queries_once_everything_is_kept(
    client, demo, page_cache, member, settings, django_assert_num_queries
):
    """As on a live site: the session, the person, the content version, the page, and the person's groups.
    Routing, the site, the language, the home page, view restrictions and the language links ask nothing."""
    settings.LEARNING_CONTENT_CACHE_SECONDS = settings.LEARNING_GROUP_CACHE_SECONDS = 600
    settings.READINESS_FRAMEWORK_CACHE_SECONDS = 600
    step = Page.objects.get(url_path__endswith="/why-are-we-here/", locale__language_code="en-gb").specific
    progress.enrol(group=CommunityGroup.objects.get(name="Kept Site Lane"), pathway=step.pathway, by=member)
    client.force_login(member)
    client.get(STEP_PATH)
    with django_assert_num_queries(5):
        response = client.get(STEP_PATH)
    assert "<h1>Why are we here?</h1>" in response.content.decode()
