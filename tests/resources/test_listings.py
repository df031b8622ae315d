"""Guide and case study listings: filters combine, empty results say so, pagination, flat query counts."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import make_case_study, make_guide

pytestmark = pytest.mark.django_db


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return sorted(a.get_text(strip=True) for a in soup.select(".card-list .card h3 a"))


def test_case_studies_filter_by_theme_place_and_activity_and_combine(client, case_study_index):
    make_case_study(case_study_index, title="Fife food", place="fife", themes=["Food"], activities=["co_delivery"])
    make_case_study(case_study_index, title="Fife buses", place="fife", themes=["Transport"], activities=["co_design"])
    make_case_study(case_study_index, title="Moray food", place="moray", themes=["Food"], activities=["co_design"])
    make_case_study(case_study_index, title="Draft food", place="fife", themes=["Food"], live=False)
    url = case_study_index.url

    assert titles(client.get(url)) == ["Fife buses", "Fife food", "Moray food"]
    assert titles(client.get(url, {"theme": "food"})) == ["Fife food", "Moray food"]
    assert titles(client.get(url, {"place": "fife"})) == ["Fife buses", "Fife food"]
    assert titles(client.get(url, {"activity": "co_design"})) == ["Fife buses", "Moray food"]
    assert titles(client.get(url, {"theme": "food", "place": "fife"})) == ["Fife food"]
    assert titles(client.get(url, {"theme": "food", "place": "fife", "activity": "co_design"})) == []


def test_the_filter_form_is_a_labelled_get_form_that_keeps_the_choices(client, case_study_index):
    make_case_study(case_study_index, place="fife", themes=["Food"])
    soup = BeautifulSoup(client.get(case_study_index.url, {"place": "fife"}).content, "html.parser")
    form = soup.select_one("form.filters")
    assert form["method"] == "get"
    for name in ["theme", "place", "activity"]:
        select = form.select_one(f"select[name={name}]")
        assert soup.select_one(f"label[for={select['id']}]") is not None
    assert form.select_one("select[name=place] option[selected]")["value"] == "fife"
    assert [o["value"] for o in form.select("select[name=theme] option")] == ["", "food"]


def test_empty_results_say_so_and_offer_to_clear_the_filters(client, case_study_index):
    make_case_study(case_study_index, place="fife")
    response = client.get(case_study_index.url, {"place": "orkney-islands"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing matches those filters." in html
    assert f'<a href="{case_study_index.url}">Clear the filters and see everything</a>' in html


def test_a_bad_filter_value_is_ignored_with_an_error_not_a_crash(client, case_study_index):
    make_case_study(case_study_index, title="Still here")
    response = client.get(case_study_index.url, {"place": "atlantis", "activity": "co_design"})
    assert response.status_code == 200
    assert titles(response) == ["Still here"]
    assert "Select a valid choice" in response.content.decode()


def test_guides_filter_by_audience_and_theme(client, guide_index):
    make_guide(guide_index, title="For groups", audience="community-groups", themes=["Governance"])
    make_guide(guide_index, title="For services", audience="public-services", themes=["Governance"])
    make_guide(guide_index, title="Money", audience="community-groups", themes=["Money"])
    url = guide_index.url
    assert titles(client.get(url, {"audience": "community-groups"})) == ["For groups", "Money"]
    assert titles(client.get(url, {"theme": "governance"})) == ["For groups", "For services"]
    assert titles(client.get(url, {"theme": "governance", "audience": "public-services"})) == ["For services"]


def test_listings_paginate_and_keep_the_filters_in_the_page_links(client, case_study_index, settings):
    settings.RESOURCES_PAGE_SIZE = 2
    for number in range(5):
        make_case_study(case_study_index, title=f"Story {number}", place="fife")
    first = client.get(case_study_index.url, {"place": "fife"})
    assert len(titles(first)) == 2
    html = first.content.decode()
    assert "Page 1 of 3" in html and "place=fife&amp;page=2" in html
    last = client.get(case_study_index.url, {"place": "fife", "page": "3"})
    assert len(titles(last)) == 1
    # A page number past the end shows the last page rather than an error.
    assert titles(client.get(case_study_index.url, {"page": "99"})) == titles(last)


@pytest.fixture
def no_page_cache(settings):
    """Every request renders the page: the visitor page cache would answer a repeat in one query."""
    settings.HUB_PAGE_CACHE_SECONDS = 0


def listing_queries(client, url, params):
    """Queries for a listing request, after one request that fills the per-process caches."""
    client.get(url, params)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    return len(context.captured_queries), len(titles(response))


def test_case_study_listing_queries_are_the_same_for_5_and_50_results(
    client, case_study_index, settings, no_page_cache
):
    settings.RESOURCES_PAGE_SIZE = 50
    params = {"theme": "food", "place": "fife"}
    for number in range(5):
        make_case_study(
            case_study_index, themes=["Food", f"Theme {number % 3}"], place="fife", partners=[("P", "other")]
        )
    small = listing_queries(client, case_study_index.url, params)
    for number in range(45):
        make_case_study(
            case_study_index, themes=["Food", f"Theme {number % 3}"], place="fife", partners=[("P", "other")]
        )
    large = listing_queries(client, case_study_index.url, params)
    assert (small[1], large[1]) == (5, 50)
    assert 1 < large[0] == small[0] <= 16, (small, large)


def test_guide_listing_queries_are_the_same_for_5_and_50_results(client, guide_index, settings, no_page_cache):
    settings.RESOURCES_PAGE_SIZE = 50
    params = {"theme": "money"}
    for number in range(5):
        make_guide(guide_index, themes=["Money", f"Theme {number % 3}"])
    small = listing_queries(client, guide_index.url, params)
    for number in range(45):
        make_guide(guide_index, themes=["Money", f"Theme {number % 3}"])
    large = listing_queries(client, guide_index.url, params)
    assert (small[1], large[1]) == (5, 50)
    assert 1 < large[0] == small[0] <= 16, (small, large)
