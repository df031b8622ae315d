"""The funder's portfolio counts (chart, total, places) stay true after every write that changes them, and
after a grant's expiry passes with nothing written: each is compared with a count over the live grants."""

from collections import defaultdict
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.readiness import selectors
from learning.readiness.models import Decision, PortfolioCount, PortfolioTally, ShareGrant
from learning.readiness.services import portfolio_counts, sharing, summaries
from learning.services import closing, groups
from tests.learning.factories import make_group

from .conftest import closed_round, post_review, share

pytestmark = pytest.mark.django_db

DECISIONS = ["", "none", *Decision.values]


def counted_by_hand(funder, *, place="", decision="", at=None):
    """(total, {domain id: {level: groups}}, places) from the live grants themselves, one by one."""
    live = list(ShareGrant.objects.live(at).filter(funder=funder).select_related("group"))
    places = sorted({grant.group.place for grant in live if grant.group.place})
    if place:
        live = [grant for grant in live if grant.group.place == place]
    if decision:
        live = [grant for grant in live if grant.summary_decision == ("" if decision == "none" else decision)]
    counts = defaultdict(dict)
    for grant in live:
        for domain_id, level in grant.summary_levels.items():
            counts[int(domain_id)][level] = counts[int(domain_id)].get(level, 0) + 1
    return len(live), dict(counts), places


def counted_kept(funder, *, place="", decision="", at=None):
    """The same from the kept counts, as they stand: no recount first (None when they say they no longer hold)."""
    overview = selectors.portfolio_overview(funder, place=place, decision=decision, at=at)
    if overview is None:
        return None
    counts = {domain_id: dict(levels) for domain_id, levels in overview.distribution.counts.items() if levels}
    return overview.distribution.total, counts, overview.places


def assert_counts_true(funder, at=None):
    """Every filter the page offers (each place, none, and each decision, none) gives what the grants give."""
    _total, _counts, places = counted_by_hand(funder, at=at)
    for place in ["", *places]:
        for decision in DECISIONS:
            wanted = counted_by_hand(funder, place=place, decision=decision, at=at)
            assert counted_kept(funder, place=place, decision=decision, at=at) == wanted, (place, decision)


@pytest.fixture
def second_group(world):
    group = make_group(name="Elm Road Allotments")
    group.place = "highland"
    group.save()
    closed_round(group, group.coordinator, {world.governance: 2, world.money: 2, world.safety: 4})
    share(world, group=group)
    return group


def test_sharing_counts_the_group_with_its_levels_place_and_no_decision_yet(world, second_group):
    share(world)
    assert counted_kept(world.funder_a) == (
        2,
        {world.governance.pk: {3: 1, 2: 1}, world.money.pk: {1: 1, 2: 1}, world.safety.pk: {4: 1}},
        ["fife", "highland"],
    )
    assert counted_kept(world.funder_a, decision="none")[0] == 2
    assert counted_kept(world.funder_a, place="fife")[0] == 1
    assert counted_kept(world.funder_b) is None  # never counted: the page counts it before reading
    assert_counts_true(world.funder_a)


def test_narrowing_to_not_share_the_self_assessment_takes_the_groups_levels_out_of_the_chart(world, second_group):
    share(world)
    share(world, share_self_assessment=False)
    total, counts, _places = counted_kept(world.funder_a)
    assert total == 2
    assert counts == {world.governance.pk: {2: 1}, world.money.pk: {2: 1}, world.safety.pk: {4: 1}}
    assert_counts_true(world.funder_a)


def test_revoking_takes_the_group_out_at_once(world, second_group):
    grant = share(world)
    sharing.revoke_access(grant=grant, by=world.coordinator)
    assert counted_kept(world.funder_a)[0] == 1
    assert counted_kept(world.funder_a)[2] == ["highland"]
    assert_counts_true(world.funder_a)


def test_an_expiry_passing_makes_the_counts_say_they_no_longer_hold_until_counted_again(world, second_group):
    now = timezone.now()
    share(world, expires_at=now + timedelta(hours=1))
    assert counted_kept(world.funder_a, at=now)[0] == 2
    later = now + timedelta(hours=2)
    assert counted_kept(world.funder_a, at=later) is None
    portfolio_counts.recount([world.funder_a.pk], at=later)
    assert counted_kept(world.funder_a, at=later)[0] == 1
    assert_counts_true(world.funder_a, at=later)


def test_a_new_agreed_level_is_counted_for_every_funder_the_group_shares_its_self_assessment_with(world, second_group):
    share(world)
    share(world, funder=world.funder_b)
    closed_round(world.group, world.coordinator, {world.governance: 4, world.money: 4, world.safety: 1}, kind="review")
    assert counted_kept(world.funder_b)[1] == {
        world.governance.pk: {4: 1},
        world.money.pk: {4: 1},
        world.safety.pk: {1: 1},
    }
    assert_counts_true(world.funder_a)
    assert_counts_true(world.funder_b)


def test_a_new_decision_moves_the_group_between_the_decision_filters(world, second_group):
    grant = share(world)
    post_review(grant, "conditions")
    assert counted_kept(world.funder_a, decision="conditions")[0] == 1
    assert counted_kept(world.funder_a, decision="none")[0] == 1
    post_review(grant, Decision.values[0])
    assert counted_kept(world.funder_a, decision="conditions")[0] == (1 if Decision.values[0] == "conditions" else 0)
    assert_counts_true(world.funder_a)


def test_a_groups_place_edited_moves_it_between_places(world, second_group):
    share(world)
    group = world.group
    groups.update_group_details(group=group, by=world.coordinator, name=group.name, place="highland")
    assert counted_kept(world.funder_a)[2] == ["highland"]
    assert counted_kept(world.funder_a, place="highland")[0] == 2
    assert_counts_true(world.funder_a)


def test_a_group_saved_whole_in_the_admin_is_counted_again(world, second_group):
    share(world)
    world.group.place = "orkney-islands"
    world.group.save()
    assert counted_kept(world.funder_a)[2] == ["highland", "orkney-islands"]
    assert_counts_true(world.funder_a)


def test_a_group_closed_leaves_the_counts_and_reopened_comes_back(world, second_group):
    share(world)
    closing.close_group(group=world.group, by=world.coordinator)
    assert counted_kept(world.funder_a)[0] == 1
    assert_counts_true(world.funder_a)
    closing.reopen_group(group=world.group, by=world.staff)
    assert counted_kept(world.funder_a)[0] == 2
    assert_counts_true(world.funder_a)


def test_a_group_deleted_with_its_grants_has_the_counts_made_again_before_they_are_read(world, second_group):
    second_group.delete()
    assert counted_kept(world.funder_a) is None
    portfolio_counts.recount([world.funder_a.pk])
    assert counted_kept(world.funder_a) == (0, {}, [])


def test_counting_every_funder_again_gives_what_the_writes_kept(world, second_group):
    grant = share(world)
    post_review(grant, "conditions")
    share(world, funder=world.funder_b, share_self_assessment=False)
    kept = {funder: counted_kept(funder) for funder in (world.funder_a, world.funder_b)}
    PortfolioTally.objects.all().delete()
    assert counted_kept(world.funder_a) is None
    summaries.recount()
    assert {funder: counted_kept(funder) for funder in kept} == kept
    assert PortfolioCount.objects.filter(tally__funder=world.funder_a, place="*", decision="*").get().groups == 2


def portfolio_total(client, **params):
    response = client.get(reverse("readiness:portfolio"), params)
    assert response.status_code == 200
    return response.context["summary"], response.context["page_obj"].paginator.count, response.context["filters"]


def test_the_page_shows_the_counts_with_its_filters_and_after_an_expiry_passes(as_role, world, second_group):
    now = timezone.now()
    share(world, expires_at=now + timedelta(minutes=1))
    client = as_role("funder_a")
    _summary, total, filters = portfolio_total(client)
    assert total == 2 and [value for value, _name in filters["places"]] == ["fife", "highland"]
    summary, total, _filters = portfolio_total(client, place="highland")
    assert total == 1
    assert {row["domain"].pk: row["counts"] for row in summary}[world.safety.pk] == [0, 0, 0, 1]
    assert portfolio_total(client, place="nowhere")[2]["place"] == ""
    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(minutes=2)):
        _summary, total, filters = portfolio_total(client)
    assert total == 1 and [value for value, _name in filters["places"]] == ["highland"]
