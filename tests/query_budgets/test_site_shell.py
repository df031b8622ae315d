"""Query budgets for the site shell and the home app's pages: flat however many pages are in the menu.

Budgets are measured as on a running server (the visitor page cache and fragment caches on, the first
request filling them) and, separately, for a fresh render with every cache off.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import StandardPage

PUBLIC_PAGES = ["/", "/about/", "/privacy/"]


@pytest.fixture
def demo(shared_demo):
    """The demo built once for this module; each test's changes roll back (tests/conftest.py)."""
    return shared_demo


def add_menu_pages(home, count):
    for number in range(count):
        page = StandardPage(
            title=f"Menu page {number}", slug=f"menu-page-{number}", body="<p>x</p>", show_in_menus=True
        )
        home.add_child(instance=page)
        page.save_revision().publish()


@pytest.fixture
def caches_on(settings):
    settings.HUB_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.usefixtures("caches_on")
@pytest.mark.parametrize("menu_pages", [0, 12])
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_visitors_keep_to_their_budget(client, home_page, django_assert_max_num_queries, menu_pages, url):
    add_menu_pages(home_page, menu_pages)
    client.get(url)  # the first request fills the caches, as on a running server
    # The site's content version, read once; the page itself comes from the visitor page cache.
    with django_assert_max_num_queries(1):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.usefixtures("caches_on")
@pytest.mark.parametrize("menu_pages", [0, 12])
@pytest.mark.parametrize("url", ["/", "/about/"])
def test_signed_in_pages_keep_to_their_budget(
    client, home_page, make_user, django_assert_max_num_queries, menu_pages, url
):
    add_menu_pages(home_page, menu_pages)
    client.force_login(make_user())
    client.get(url)
    # Session and user 2; the content version 1, which keys the kept site, its home page in each language,
    # the settings, menu and footer (as HTML), the language links and the home page's sections; view
    # restrictions 2 (the home page and a standard page keep Wagtail's own check); and for /about/ Wagtail's
    # routing one level down 2 (the page, then its specific type). Home: 5, about: 7.
    with django_assert_max_num_queries(5 if url == "/" else 7):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_fresh_render_is_flat_however_big_the_menu(client, home_page, url):
    """With every cache off (as in the rest of the suite), twelve more menu pages add no query."""
    client.get(url)
    before = queries_for(client, url)
    add_menu_pages(home_page, 12)
    client.get(url)
    assert queries_for(client, url) == before
    # Home: routing and view restrictions 4, shell 5 (site settings, menu 2, footer, restrictions for
    # the menu), its three sections 8 (each a view-restriction check and a list, pathways twice), and
    # (issue 15) the active locale Wagtail routes by 1 and the page's translations for the switcher 1.
    assert before <= 19


@pytest.mark.django_db
def test_healthz_is_one_query(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert client.get("/healthz").status_code == 200
