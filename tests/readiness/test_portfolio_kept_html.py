"""The portfolio's chart, its table of levels and the place filter's choices are kept as HTML
(`kept_for_content`), named by what they show: every change to a funder's counts shows at once, and no
funder ever sees another's numbers."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from learning.readiness.models.portfolio import ANY, PortfolioCount
from learning.readiness.services import sharing
from tests.learning.factories import make_group

from .conftest import closed_round, share

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kept_html(settings):
    """Kept as on a live site (the test settings switch keeping off)."""
    settings.LEARNING_CONTENT_CACHE_SECONDS = 600


def portfolio_html(client, **params):
    response = client.get(reverse("readiness:portfolio"), params)
    assert response.status_code == 200
    return response.content.decode()


def levels_row(html, area):
    """The numbers in the table of levels for one area: groups at levels 1 to 4, then those not agreed."""
    row = re.search(rf'<tr><th scope="row">{area}</th>(.*?)</tr>', html)
    assert row is not None, area
    return [int(cell) for cell in re.findall(r"<td>(\d+)</td>", row.group(1))]


def places_offered(html):
    select = re.search(r'<select name="place" id="id_place">(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"( selected)?>', select)


@pytest.fixture
def highland_group(world):
    group = make_group(name="Elm Road Allotments")
    group.place = "highland"
    group.save()
    closed_round(group, group.coordinator, {world.governance: 2, world.safety: 4})
    return group


def test_a_new_share_and_a_revoke_show_at_once_in_the_chart_table_and_places(as_role, world, highland_group):
    share(world)
    client = as_role("funder_a")
    html = portfolio_html(client)
    assert "How many of the 1 groups shown are at each level in each area." in html
    assert levels_row(html, "Governance") == [0, 0, 1, 0, 0]
    assert places_offered(html) == [("", ""), ("fife", "")]

    grant = share(world, group=highland_group)
    html = portfolio_html(client)
    assert "How many of the 2 groups shown are at each level in each area." in html
    assert levels_row(html, "Governance") == [0, 1, 1, 0, 0]
    assert levels_row(html, "Keeping people safe") == [0, 0, 0, 1, 1]
    assert places_offered(html) == [("", ""), ("fife", ""), ("highland", "")]

    sharing.revoke_access(grant=grant, by=highland_group.coordinator)
    html = portfolio_html(client)
    assert "How many of the 1 groups shown are at each level in each area." in html
    assert levels_row(html, "Governance") == [0, 0, 1, 0, 0]
    assert places_offered(html) == [("", ""), ("fife", "")]


def test_the_chosen_place_is_the_one_selected_and_filters_the_counts(as_role, world, highland_group):
    share(world)
    share(world, group=highland_group)
    client = as_role("funder_a")
    portfolio_html(client)  # everything kept for the page without a filter first
    html = portfolio_html(client, place="highland")
    assert places_offered(html) == [("", ""), ("fife", ""), ("highland", " selected")]
    assert "How many of the 1 groups shown are at each level in each area." in html
    assert levels_row(html, "Governance") == [0, 1, 0, 0, 0]
    assert places_offered(portfolio_html(client)) == [("", ""), ("fife", ""), ("highland", "")]


def test_two_funders_each_see_their_own_numbers(as_role, world, highland_group):
    share(world)
    share(world, group=highland_group)
    share(world, funder=world.funder_b, group=highland_group)
    html_a = portfolio_html(as_role("funder_a"))
    html_b = portfolio_html(as_role("funder_b"))
    assert levels_row(html_a, "Governance") == [0, 1, 1, 0, 0]
    assert levels_row(html_b, "Governance") == [0, 1, 0, 0, 0]
    assert places_offered(html_b) == [("", ""), ("highland", "")]
    assert "How many of the 1 groups shown" in html_b


def test_each_language_is_kept_apart(as_role, world):
    share(world)
    client = as_role("funder_a")
    english = portfolio_html(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "gd"
    gaelic = portfolio_html(client)
    assert "At a glance" in english and "All places" in english
    assert "Sealladh aithghearr" in gaelic and "Gach àite" in gaelic
    assert "At a glance" not in gaelic and "All places" not in gaelic


def test_counts_in_the_thousands_read_with_their_thousands_grouped(as_role, world):
    share(world)
    client = as_role("funder_a")
    portfolio_html(client)
    # What the stored counts of a funder with two thousand sharing groups hold.
    counted = PortfolioCount.objects.filter(tally__funder=world.funder_a, place=ANY, decision=ANY)
    assert counted.update(groups=2000, levels={str(world.governance.pk): {"3": 1500, "1": 12}}) == 1
    html = portfolio_html(client)
    assert re.search(r"<h2>\s*2,000 groups\s*</h2>", html)
    assert "How many of the 2,000 groups shown are at each level in each area." in html
    governance = re.search(r'<tr><th scope="row">Governance</th>(.*?)</tr>', html).group(1)
    assert re.findall(r"<td>([^<]*)</td>", governance) == ["12", "0", "1,500", "0", "488"]
