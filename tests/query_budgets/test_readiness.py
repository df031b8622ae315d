"""Query budgets for the readiness views: the same budget in a small and a large world.

The funder portfolio sits on a crowd of groups that shared with the funder (two pages of them in the
large world); the group's own pages sit on many members' ratings, rounds, reviews and access log rows.
"""

import pytest
from django.urls import reverse

from .conftest import Budget, Call, budget_id

pytestmark = pytest.mark.django_db


def group_url(name, w, **kwargs):
    return reverse(f"readiness:{name}", kwargs={"slug": w.group.slug, **kwargs})


def round_url(name, w, **kwargs):
    return group_url(name, w, pk=w.open_round.pk, **kwargs)


BUDGETS = [
    # The framework is kept under the content version and language (issue 14; 24 before): only the group's
    # own round, agreed levels, evidence, step statuses and pathways are read; and since those are kept under the
    # group's records version (learning.group_versions, 17 before), none of them on a warm cache.
    Budget("readiness:profile", 8, lambda w: Call(w.member, group_url("profile", w))),
    Budget("readiness:rounds", 8, lambda w: Call(w.coordinator, group_url("rounds", w))),
    Budget(
        "readiness:open_round",
        7,
        lambda w: Call(w.coordinator, group_url("open_round", w), "post", {"kind": "review"}, status=302),
        note="one already open",
    ),
    Budget("readiness:round", 12, lambda w: Call(w.coordinator, round_url("round", w))),
    Budget("readiness:rate", 11, lambda w: Call(w.member, round_url("rate", w))),
    # Three more since issue 14: the round's group found once for the ratings saved, the group's records version
    # moved once, and a rating cleared is read before it is deleted (its group's version moves with it).
    Budget(
        "readiness:rate",
        31,
        lambda w: Call(
            w.member,
            round_url("rate", w),
            "post",
            {f"level_{domain.pk}": 2 for domain in w.domains},
            status=302,
        ),
        note="POST",
    ),
    Budget("readiness:agree", 13, lambda w: Call(w.coordinator, round_url("agree", w, domain_slug=w.domain.slug))),
    Budget(
        "readiness:agree",
        17,
        lambda w: Call(
            w.coordinator,
            round_url("agree", w, domain_slug=w.domain.slug),
            "post",
            {"level": 3, "strengths": "We meet monthly.", "next_steps": "Write it down.", "reasons": "Agreed."},
            status=302,
        ),
        note="POST",
    ),
    # The confirmation page names who has not rated yet; the POST with its confirmation closes the round
    # (and one query updates the funders' portfolio summaries of the group's grants; since issue 14, five more
    # make those funders' portfolio counts again: lock, grants, and three writes).
    Budget("readiness:close_round", 12, lambda w: Call(w.coordinator, round_url("close_round", w))),
    Budget(
        "readiness:close_round",
        16,
        lambda w: Call(w.coordinator, round_url("close_round", w), "post", {"confirm": "yes"}, status=302),
        note="POST",
    ),
    Budget("readiness:compare", 10, lambda w: Call(w.member, group_url("compare", w))),
    # The old "Evidence by area" address: a redirect to the one evidence library.
    Budget("readiness:evidence", 3, lambda w: Call(w.member, group_url("evidence", w), status=301)),
    Budget(
        "readiness:evidence_domains",
        11,
        lambda w: Call(w.coordinator, group_url("evidence_domains", w, pk=w.evidence.pk)),
    ),
    Budget("readiness:group_reviews", 12, lambda w: Call(w.coordinator, group_url("group_reviews", w))),
    Budget(
        "readiness:group_review",
        12,
        lambda w: Call(w.coordinator, group_url("group_review", w, pk=w.review.pk)),
    ),
    # The reply, with its notice to the funder's reviewers (their ids, one insert).
    # 17 since issue 14: the reply moves the group's records version; notices ask who already has one.
    Budget(
        "readiness:group_review",
        16,
        lambda w: Call(
            w.coordinator, group_url("group_review", w, pk=w.review.pk), "post", {"body": "Thank you."}, status=302
        ),
        note="reply",
    ),
    Budget("readiness:sharing", 12, lambda w: Call(w.coordinator, group_url("sharing", w))),
    Budget("readiness:revoke", 8, lambda w: Call(w.coordinator, group_url("revoke", w, pk=w.grant.pk)), note="confirm"),
    # Stopping, with its notice to the funder's reviewers (their ids, one insert).
    Budget(
        "readiness:revoke",
        # 15 since the notice asks who already has one (a repeat emails nobody again) and the version moves;
        # five more since the funder's portfolio counts are made again (issue 14: lock, grants, three writes).
        19,
        lambda w: Call(w.coordinator, group_url("revoke", w, pk=w.grant.pk), "post", {"confirm": "yes"}, status=302),
    ),
    Budget(
        "readiness:findable",
        6,
        lambda w: Call(w.coordinator, group_url("findable", w), "post", {"findable": "on"}, status=302),
    ),
    Budget(
        "readiness:decline_request",
        9,
        lambda w: Call(w.coordinator, group_url("decline_request", w, pk=w.share_request.pk), "post", status=302),
    ),
    # The portfolio reads each grant's stored summary: its filters and sort never look past the grant rows, a
    # page of rows writes its access log in one insert, and (issue 14, one query fewer) its total, chart and
    # places are the funder's kept counts, one row read however many groups share.
    Budget("readiness:portfolio", 12, lambda w: Call(w.reviewer, reverse("readiness:portfolio"))),
    Budget(
        "readiness:portfolio",
        12,
        lambda w: Call(w.reviewer, reverse("readiness:portfolio") + "?sort=activity&page=2"),
        note="page 2",
    ),
    Budget(
        "readiness:portfolio",
        12,
        lambda w: Call(w.reviewer, reverse("readiness:portfolio") + "?decision=none&sort=readiness"),
        note="not reviewed",
    ),
    # The cohort's figures over every group sharing with the funder, and one access log row each (one insert).
    Budget("readiness:cohort", 19, lambda w: Call(w.reviewer, reverse("readiness:cohort"))),
    Budget(
        "readiness:cohort",
        19,
        lambda w: Call(w.reviewer, reverse("readiness:cohort") + "?days=7"),
        note="quiet for a week",
    ),
    # Both exports: one query logs every group, one fetches every group's pathways, one streams the grants.
    Budget("readiness:portfolio_export", 8, lambda w: Call(w.reviewer, reverse("readiness:portfolio_export"))),
    Budget("readiness:portfolio_360giving", 8, lambda w: Call(w.reviewer, reverse("readiness:portfolio_360giving"))),
    Budget("readiness:ask_to_share", 7, lambda w: Call(w.reviewer, reverse("readiness:ask_to_share"))),
    Budget(
        "readiness:ask_to_share",
        8,
        lambda w: Call(w.reviewer, reverse("readiness:ask_to_share") + "?q=Bench"),
        note="search",
    ),
    Budget("readiness:share_requests", 9, lambda w: Call(w.other_reviewer, reverse("readiness:share_requests"))),
    Budget(
        "readiness:funder_group",
        25,
        lambda w: Call(w.reviewer, reverse("readiness:funder_group", args=[w.group.slug])),
    ),
    Budget(
        "readiness:funder_evidence",
        9,
        lambda w: Call(w.reviewer, reverse("readiness:funder_evidence", args=[w.group.slug, w.evidence.pk])),
    ),
]


@pytest.mark.parametrize("budget", BUDGETS, ids=budget_id)
def test_readiness_view_keeps_to_its_budget(budget, within_budget):
    within_budget(budget)
