"""Query budgets for the site shell and the home app's pages: flat however many pages are in the menu."""

import pytest

from home.models import StandardPage


def add_menu_pages(home, count):
    for number in range(count):
        page = StandardPage(title=f"Menu page {number}", slug=f"menu-page-{number}", body="<p>x</p>", show_in_menus=True)
        home.add_child(instance=page)
        page.save_revision().publish()


@pytest.mark.django_db
@pytest.mark.parametrize("menu_pages", [0, 12])
@pytest.mark.parametrize("url", ["/", "/about/", "/privacy/"])
def test_public_pages_keep_to_their_budget(client, home_page, django_assert_max_num_queries, menu_pages, url):
    add_menu_pages(home_page, menu_pages)
    client.get(url)  # the first request fills per-process caches, as on a running server
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("menu_pages", [0, 12])
def test_signed_in_pages_keep_to_their_budget(client, home_page, make_user, django_assert_max_num_queries, menu_pages):
    add_menu_pages(home_page, menu_pages)
    client.force_login(make_user())
    client.get("/about/")
    with django_assert_max_num_queries(18):
        assert client.get("/about/").status_code == 200


@pytest.mark.django_db
def test_healthz_is_one_query(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert client.get("/healthz").status_code == 200
