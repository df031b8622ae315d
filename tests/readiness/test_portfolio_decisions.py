"""The funder portfolio names each group's latest decision, and filtering by decision shows only those groups."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.learning.factories import make_group

from .conftest import post_review, share

DECISION_COLUMN = "Your latest decision"


@pytest.fixture
def reviewed(world):
    """Three groups share with funder A: Oak Street reviewed twice (the latest with conditions), Birch Lane
    once (not eligible), and Cedar Court never."""
    w = world
    grant = share(w)
    post_review(grant, "not_yet")
    post_review(grant, "conditions")
    post_review(share(w, group=w.other_group), "not_eligible")
    w.unreviewed_group = make_group(name="Cedar Court Tenants")
    share(w, group=w.unreviewed_group)
    return w


def decision_cells(response):
    """{group name: the text of its "Your latest decision" cell} from the groups table of the portfolio."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    for table in soup.find_all("table"):
        headers = [cell.get_text(strip=True) for cell in table.select("thead th")]
        if DECISION_COLUMN in headers:
            column = headers.index(DECISION_COLUMN)
            rows = [row.find_all(["th", "td"]) for row in table.select("tbody tr")]
            return {cells[0].get_text(strip=True): cells[column].get_text(strip=True) for cells in rows}
    raise AssertionError("the portfolio has no groups table")


def test_each_group_shows_its_latest_decision_by_name(as_role, reviewed):
    cells = decision_cells(as_role("funder_a").get(reverse("readiness:portfolio")))
    assert cells == {
        "Birch Lane Residents": "Not eligible",
        "Cedar Court Tenants": "Not reviewed",
        "Oak Street Neighbours": "Ready with conditions",
    }


@pytest.mark.parametrize(
    ("decision", "expected"),
    [
        ("conditions", {"Oak Street Neighbours": "Ready with conditions"}),
        ("not_eligible", {"Birch Lane Residents": "Not eligible"}),
        ("none", {"Cedar Court Tenants": "Not reviewed"}),
        ("not_yet", {}),  # Oak Street's earlier decision is not its latest
    ],
)
def test_filtering_by_decision_shows_only_the_groups_whose_latest_decision_matches(
    as_role, reviewed, decision, expected
):
    response = as_role("funder_a").get(reverse("readiness:portfolio"), {"decision": decision})
    if expected:
        assert decision_cells(response) == expected
    else:
        assert response.status_code == 200
        assert [row.group.name for row in response.context["rows"]] == []
