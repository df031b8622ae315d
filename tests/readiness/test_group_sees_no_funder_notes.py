"""The group's side of a funder's review (issue 17, item 8): the group reads the funder's ratings and
comments but never the funder's own notes (the Hub's suggested rating, the reviewer's reason for giving
another), red / amber / green are explained in a sentence each, and the group is told that evidence it
does not share shows Red to the funder."""

from html import unescape

import pytest
from django.urls import reverse

from learning.readiness.rating import Rag
from learning.readiness.selectors import Scope, readiness_profile, suggestions_for
from learning.readiness.services import reviews
from tests.once import built_once, fresh_copy

from .conftest import build_world, share

pytestmark = pytest.mark.django_db

FUNDERS_NOTE = "The Hub suggested Red."
REASON = "We saw the insurance renewal at our visit."
COMMENT = "Send us the renewed policy when you have it."


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The readiness world shared with funder A, whose reviewer rated Safety Amber where the Hub
    suggested Red, with a reason; built once for the module (the tests only read)."""
    with built_once(django_db_blocker, tmp_path_factory):
        w = build_world()
        w.grant = share(w)
        suggestions = suggestions_for(readiness_profile(w.group, Scope.of_grant(w.grant)), w.funder_a)
        assert suggestions[w.safety].rating == Rag.RED
        ratings = {domain: (item.rating, "", "") for domain, item in suggestions.items()}
        ratings[w.safety] = (Rag.AMBER, REASON, COMMENT)
        w.review = reviews.post_review(
            grant=w.grant,
            reviewer=w.reviewer_a,
            decision="conditions",
            feedback="You have a strong committee.",
            ratings=ratings,
            suggestions={domain: item.rating for domain, item in suggestions.items()},
        )
        yield w


@pytest.fixture
def world(db, _built):
    return fresh_copy(_built)


def group_review_page(client, world):
    url = reverse("readiness:group_review", kwargs={"slug": world.group.slug, "pk": world.review.pk})
    response = client.get(url)
    assert response.status_code == 200
    return unescape(response.content.decode())


@pytest.mark.parametrize("role", ["member", "coordinator", "facilitator"])
def test_the_group_never_sees_the_funders_own_notes(as_role, world, role):
    page = group_review_page(as_role(role), world)
    assert FUNDERS_NOTE not in page and "The Hub suggested" not in page
    assert REASON not in page
    # What the funder wrote for the group is all there.
    assert "You have a strong committee." in page and COMMENT in page
    assert '<span class="rag rag--amber">Amber</span>' in page


def test_the_funders_page_still_shows_its_notes(as_role, world):
    page = as_role("funder_a").get(reverse("readiness:funder_group", kwargs={"slug": world.group.slug}))
    html = page.content.decode()
    assert FUNDERS_NOTE in html and REASON in html


def test_red_amber_and_green_are_explained_to_the_group(as_role, world):
    page = group_review_page(as_role("member"), world)
    assert "What the colours mean" in page
    assert "The funder has what it looks for in this area." in page
    assert "your group's agreed level in this area is below the level it looks for" in page
    assert "Evidence the funder asks for in this area is missing, out of date, or not shared with it." in page


def test_the_coordinator_is_told_that_unshared_evidence_shows_red_and_where_to_check(as_role, world):
    sharing_link = f'href="{reverse("readiness:sharing", kwargs={"slug": world.group.slug})}"'
    coordinator = group_review_page(as_role("coordinator"), world)
    assert "an area whose evidence is not shared shows Red to the funder" in coordinator
    assert f"{sharing_link}>Check what you share</a>" in coordinator
    # A member reads the same sentence; only coordinators change what is shared.
    member = group_review_page(as_role("member"), world)
    assert "an area whose evidence is not shared shows Red to the funder" in member
    assert "Check what you share" not in member
