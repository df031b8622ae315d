"""The funder's cohort page: every figure equals a recount from the raw rows, within each grant's scope.

Four groups have shared with Fund A: one shares everything, one only pathway progress, one only its
self-assessment, and one stopped sharing yesterday. The expected figures are counted here from the rows
themselves (grants, rounds, agreed levels, evidence, reviews), with none of the page's queries.
"""

from collections import defaultdict
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import PathwayProgress
from learning.readiness import selectors
from learning.readiness.models import (
    AccessKind,
    AccessLog,
    AgreedLevel,
    AssessmentRound,
    EvidenceDomainLink,
    ReadinessReview,
    ReviewReply,
    ShareGrant,
)
from learning.readiness.services import reviews, sharing
from learning.services import progress
from tests.learning.factories import assign_facilitator, keep_evidence, make_group

from .conftest import closed_round, post_review, share

pytestmark = pytest.mark.django_db


def later(assessment_round, days):
    """Move a closed round's closing date, so the rounds' order is certain."""
    AssessmentRound.objects.filter(pk=assessment_round.pk).update(closed_at=timezone.now() - timedelta(days=days))


@pytest.fixture
def cohort_world(world):
    w = world
    today = timezone.localdate()
    # Group A shares everything: two closed rounds, evidence running out, a review with no reply.
    later(w.round, 100)
    second = closed_round(w.group, w.coordinator, {w.governance: 2, w.money: 2, w.safety: 1}, kind="review")
    later(second, 10)
    w.evidence.valid_until = today + timedelta(days=20)
    w.evidence.save()
    keep_evidence(
        w.group,
        w.member,
        "Insurance",
        domains=[w.safety],
        evidence_type="insurance",
        valid_until=today + timedelta(days=200),
    )
    w.grant_all = share(w)
    post_review(w.grant_all, "conditions")

    # Group B shares only pathway progress: its rounds and evidence must count in nothing but progress.
    w.progress_only = w.other_group
    closed_round(w.progress_only, w.progress_only.coordinator, {w.governance: 4, w.money: 4})
    keep_evidence(
        w.progress_only,
        w.progress_only.coordinator,
        "Their policy",
        domains=[w.safety],
        evidence_type="insurance",
        valid_until=today + timedelta(days=5),
    )
    progress.enrol(group=w.progress_only, pathway=w.pathway, by=w.progress_only.coordinator)
    progress.mark_done(group=w.progress_only, step=w.steps[0], by=w.progress_only.coordinator)
    PathwayProgress.objects.filter(group=w.progress_only).update(last_activity_at=timezone.now() - timedelta(days=90))
    share(w, group=w.progress_only, share_self_assessment=False, share_evidence=False)

    # Group C shares only its self-assessment: one round, so it counts now but not in who moved.
    w.rounds_only = make_group(name="Cedar Court Tenants")
    first = closed_round(w.rounds_only, w.rounds_only.coordinator, {w.governance: 3, w.money: 1})
    later(first, 30)
    share(w, group=w.rounds_only, share_progress=False, share_evidence=False)

    # Group D stopped sharing yesterday: everything it had counts for nothing.
    w.revoked = make_group(name="Damson Row Gardeners")
    old = closed_round(w.revoked, w.revoked.coordinator, {w.governance: 1, w.money: 1})
    later(old, 50)
    closed_round(w.revoked, w.revoked.coordinator, {w.governance: 4, w.money: 3}, kind="review")
    keep_evidence(
        w.revoked,
        w.revoked.coordinator,
        "Old insurance",
        domains=[w.safety],
        evidence_type="insurance",
        valid_until=today + timedelta(days=3),
    )
    grant = share(w, group=w.revoked)
    post_review(grant, "not_yet")
    sharing.revoke_access(grant=grant, by=w.revoked.coordinator)
    ShareGrant.objects.filter(pk=grant.pk).update(revoked_at=timezone.now() - timedelta(days=1))
    return w


def recount(funder, *, quiet_days=60, expiry_days=60):
    """The cohort figures counted from raw rows, one group at a time, with no query the page uses."""
    now = timezone.now()
    today = timezone.localdate()
    live = [
        grant
        for grant in ShareGrant.objects.filter(funder=funder)
        if grant.revoked_at is None
        and (grant.expires_at is None or grant.expires_at > now)
        and grant.group.closed_at is None
    ]
    found = {
        "sharing": len(live),
        "progress": sum(1 for grant in live if grant.share_progress),
        "self_assessment": sum(1 for grant in live if grant.share_self_assessment),
        "evidence": sum(1 for grant in live if grant.share_evidence),
        "assessed": 0,
        "compared": 0,
        "levels_now": defaultdict(lambda: defaultdict(int)),
        "levels_before": defaultdict(lambda: defaultdict(int)),
        "moved": defaultdict(lambda: {"up": 0, "same": 0, "down": 0}),
        "quiet": set(),
        "expiring": 0,
        "expiring_groups": set(),
        "awaiting": 0,
    }
    for grant in live:
        group = grant.group
        if grant.share_self_assessment:
            rounds = sorted(
                AssessmentRound.objects.filter(group=group, closed_at__isnull=False),
                key=lambda item: (item.closed_at, item.pk),
                reverse=True,
            )
            agreed = [{row.domain_id: row.level for row in AgreedLevel.objects.filter(round=item)} for item in rounds]
            if agreed:
                found["assessed"] += 1
                for domain_id, level in agreed[0].items():
                    found["levels_now"][domain_id][level] += 1
            if len(agreed) > 1:
                found["compared"] += 1
                for domain_id, level in agreed[1].items():
                    found["levels_before"][domain_id][level] += 1
                for domain_id, level in agreed[0].items():
                    if domain_id in agreed[1]:
                        before = agreed[1][domain_id]
                        key = "up" if level > before else "down" if level < before else "same"
                        found["moved"][domain_id][key] += 1
        if grant.share_progress:
            times = [
                row.last_activity_at for row in PathwayProgress.objects.filter(group=group) if row.last_activity_at
            ]
            if not times or max(times) < now - timedelta(days=quiet_days):
                found["quiet"].add(group.name)
        if grant.share_evidence:
            for piece in group.evidence.filter(removed_at__isnull=True):
                linked = EvidenceDomainLink.objects.filter(evidence=piece).exists()
                newer = group.evidence.filter(
                    removed_at__isnull=True, evidence_type=piece.evidence_type, added_at__gt=piece.added_at
                ).exists()
                soon = piece.valid_until and today <= piece.valid_until <= today + timedelta(days=expiry_days)
                if linked and soon and not newer:
                    found["expiring"] += 1
                    found["expiring_groups"].add(group.name)
        for review in ReadinessReview.objects.filter(group=group, funder=funder):
            if not ReviewReply.objects.filter(review=review).exists():
                found["awaiting"] += 1
    return found


def plain(counts):
    return {domain_id: dict(levels) for domain_id, levels in counts.items() if levels}


def test_cohort_figures_equal_a_recount_from_the_raw_rows(cohort_world):
    w = cohort_world
    expected = recount(w.funder_a)
    figures = selectors.cohort(w.funder_a, quiet_days=60)

    # The recount itself says what the mixed scopes mean, so a wrong recount cannot pass quietly.
    assert (expected["sharing"], expected["progress"], expected["self_assessment"], expected["evidence"]) == (
        3,
        2,
        2,
        1,
    )
    assert (expected["assessed"], expected["compared"]) == (2, 1)
    assert expected["quiet"] == {"Birch Lane Residents"}
    assert (expected["expiring"], expected["expiring_groups"], expected["awaiting"]) == (
        1,
        {"Oak Street Neighbours"},
        1,
    )

    assert figures.sharing == expected["sharing"]
    assert figures.progress == expected["progress"]
    assert figures.self_assessment == expected["self_assessment"]
    assert figures.evidence == expected["evidence"]
    assert figures.assessed == expected["assessed"]
    assert figures.compared == expected["compared"]
    assert plain(figures.levels_now) == plain(expected["levels_now"])
    assert plain(figures.levels_before) == plain(expected["levels_before"])
    assert dict(figures.moved) == dict(expected["moved"])
    assert figures.inactive_count == len(expected["quiet"])
    assert {grant.group.name for grant in figures.inactive} == expected["quiet"]
    assert figures.expiring_count == expected["expiring"]
    assert figures.expiring_group_count == len(expected["expiring_groups"])
    assert {row["group__name"] for row in figures.expiring_groups} == expected["expiring_groups"]
    assert figures.awaiting_count == expected["awaiting"]


def test_the_levels_are_the_latest_round_and_the_one_before(cohort_world):
    w = cohort_world
    figures = selectors.cohort(w.funder_a, quiet_days=60)
    # Oak Street now 2/2/1 (before 3/1/-); Cedar Court now 3/1/-; Birch Lane (progress only) and Damson Row
    # (revoked) are nowhere.
    assert dict(figures.levels_now[w.governance.pk]) == {2: 1, 3: 1}
    assert dict(figures.levels_now[w.money.pk]) == {1: 1, 2: 1}
    assert dict(figures.levels_now[w.safety.pk]) == {1: 1}
    assert dict(figures.levels_before[w.governance.pk]) == {3: 1}
    assert figures.moved[w.governance.pk] == {"up": 0, "same": 0, "down": 1}
    assert figures.moved[w.money.pk] == {"up": 1, "same": 0, "down": 0}
    assert figures.moved[w.safety.pk] == {"up": 0, "same": 0, "down": 0}


def test_the_page_says_what_each_figure_covers(client, cohort_world):
    w = cohort_world
    client.force_login(w.reviewer_a)
    response = client.get(reverse("readiness:cohort"))
    assert response.status_code == 200
    text = " ".join(response.content.decode().split())
    assert "3 groups share with Fund A now." in text
    assert "Of 2 groups sharing self-assessment: 2 with a closed round, 1 with two or more." in text
    assert "1 of 2 groups sharing pathway progress have recorded no progress in the last 60 days." in text
    assert "1 piece of shared evidence runs out in the next 60 days." in text
    assert "Held by 1 of 1 group sharing evidence." in text
    assert "1 of your reviews of the 3 groups sharing with you have no reply yet." in text
    assert "Birch Lane Residents" in text and "Oak Street Neighbours" in text
    # The group that stopped sharing is nowhere on the page.
    assert "Damson Row" not in text
    # Every group counted sees it in its access log; the group that stopped sharing sees nothing new.
    logged = set(AccessLog.objects.filter(kind=AccessKind.COHORT).values_list("group__name", flat=True))
    assert logged == {"Oak Street Neighbours", "Birch Lane Residents", "Cedar Court Tenants"}


def test_the_funder_chooses_how_long_makes_a_group_quiet(client, cohort_world):
    w = cohort_world
    client.force_login(w.reviewer_a)
    text = " ".join(client.get(reverse("readiness:cohort"), {"days": 120}).content.decode().split())
    assert "0 of 2 groups sharing pathway progress have recorded no progress in the last 120 days." in text
    assert 'value="120"' in text


def test_a_wrong_number_of_days_is_explained_and_kept(client, cohort_world):
    w = cohort_world
    client.force_login(w.reviewer_a)
    response = client.get(reverse("readiness:cohort"), {"days": "lots"})
    text = " ".join(response.content.decode().split())
    assert response.status_code == 200
    assert "There is a problem" in text
    assert "Enter the number of days as a whole number, such as 60." in text
    assert 'value="lots"' in text
    # The figures still show, for the 60 days we start with.
    assert "in the last 60 days" in text


def test_a_reply_takes_the_review_off_the_list(client, cohort_world):
    w = cohort_world
    review = ReadinessReview.objects.get(group=w.group, funder=w.funder_a)
    reviews.reply_to_review(review=review, by=w.coordinator, body="Thank you.")
    assert selectors.cohort(w.funder_a, quiet_days=60).awaiting_count == 0


def test_a_funder_no_group_shares_with_sees_no_group(client, cohort_world):
    w = cohort_world
    client.force_login(w.reviewer_b)
    response = client.get(reverse("readiness:cohort"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "0 groups share with Fund B now." in " ".join(text.split())
    for name in ("Oak Street", "Birch Lane", "Cedar Court", "Damson Row"):
        assert name not in text
    assert not AccessLog.objects.filter(kind=AccessKind.COHORT).exists()


@pytest.mark.parametrize("role", ["member", "coordinator", "facilitator", "other", "other_facilitator"])
def test_people_who_review_for_no_funder_are_denied(client, cohort_world, role):
    cohort_world.people["other_facilitator"] = assign_facilitator(cohort_world.other_group)
    client.force_login(cohort_world.people[role])
    assert client.get(reverse("readiness:cohort")).status_code == 404


def test_a_visitor_is_asked_to_sign_in(client, cohort_world):
    response = client.get(reverse("readiness:cohort"))
    assert response.status_code == 302
    assert "sign-in" in response["Location"]


def test_the_portfolio_links_to_the_cohort(client, cohort_world):
    client.force_login(cohort_world.reviewer_a)
    assert reverse("readiness:cohort") in client.get(reverse("readiness:portfolio")).content.decode()
