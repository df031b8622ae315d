"""The request's site kept per content version for views that are not Wagtail pages (home/sites.py, issue 14).

A dashboard or portfolio needs its site only for the site's name, menu and footer; the site is found
once per content version, and an edit in Wagtail's admin (which logs it, so the version moves) shows at
once. Each request gets its own copy; with the page cache off every request looks the site up.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from home.sites import find_site
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
