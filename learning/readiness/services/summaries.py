"""The portfolio summary each grant carries: kept step by step by the services, or recounted from the raw rows.

A grant's summary is what its funder's portfolio shows of the group: the latest closed round's agreed
levels and their average, when that round closed, the latest pathway activity, the later of the two, and
this funder's latest decision. Only what the grant's scope covers is filled in: a grant that does not
share the self-assessment never carries levels, one that does not share progress never carries pathway
activity. A revoked grant carries nothing. `recount` is the reference (the management command, the data
migration and bulk-built data use it); the `after_*` functions keep the same values one change at a time.
Whatever changes a grant's levels or decision has its funders' portfolio counts made again (`portfolio_counts`).
"""

import functools

from django.apps import apps as global_apps
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

from ..models import ShareGrant
from . import portfolio_counts

SUMMARY_FIELDS = (
    "summary_levels",
    "summary_readiness",
    "summary_assessed_at",
    "summary_progress_at",
    "summary_activity_at",
    "summary_decision",
)
EMPTY = {
    "summary_levels": {},
    "summary_readiness": None,
    "summary_assessed_at": None,
    "summary_progress_at": None,
    "summary_activity_at": None,
    "summary_decision": "",
}
RECOUNT_BATCH = 500


def _latest(*values):
    present = [value for value in values if value is not None]
    return max(present) if present else None


def _levels_and_average(levels):
    """{domain id (as text, as JSON keeps it): level} and their average (None when there are none)."""
    stored = {str(domain_id): level for domain_id, level in levels}
    return stored, (sum(stored.values()) / len(stored) if stored else None)


def _models(apps):
    return (
        apps.get_model("readiness", "ShareGrant"),
        apps.get_model("readiness", "AssessmentRound"),
        apps.get_model("readiness", "AgreedLevel"),
        apps.get_model("readiness", "ReadinessReview"),
        apps.get_model("learning", "PathwayProgress"),
    )


def recount(grants=None, *, apps=global_apps, portfolios=True):
    """Work out every summary in `grants` (all grants if None) from the raw rows and store it; returns the count.

    Set-based: a few queries per batch of grants however many rounds, reviews and pathways each group has.
    The portfolios of the grants' funders are counted again after (unless `portfolios` is false: the data
    migration that came before they were kept). `apps` lets the data migration pass its historical models.
    """
    ShareGrant, AssessmentRound, AgreedLevel, ReadinessReview, PathwayProgress = _models(apps)
    grants = ShareGrant.objects.all() if grants is None else grants
    latest_round = (
        AssessmentRound.objects.filter(group=OuterRef("group_id"), closed_at__isnull=False)
        .order_by("-closed_at", "-pk")
        .values("pk", "closed_at")
    )
    last_progress = (
        PathwayProgress.objects.filter(group=OuterRef("group_id"), last_activity_at__isnull=False)
        .order_by("-last_activity_at")
        .values("last_activity_at")
    )
    latest_review = ReadinessReview.objects.filter(group=OuterRef("group_id"), funder=OuterRef("funder_id")).order_by(
        "-created_at", "-pk"
    )
    rows = (
        grants.order_by("pk")
        .annotate(
            round_id=Subquery(latest_round.values("pk")[:1]),
            round_closed_at=Subquery(latest_round.values("closed_at")[:1]),
            progress_at=Subquery(last_progress[:1]),
            decision=Subquery(latest_review.values("decision")[:1]),
        )
        .values_list(
            "pk",
            "revoked_at",
            "share_progress",
            "share_self_assessment",
            "round_id",
            "round_closed_at",
            "progress_at",
            "decision",
            "group__name",
        )
    )
    count, batch = 0, []
    for row in rows.iterator(chunk_size=RECOUNT_BATCH):
        batch.append(row)
        if len(batch) == RECOUNT_BATCH:
            count += _store(batch, ShareGrant, AgreedLevel)
            batch = []
    if batch:
        count += _store(batch, ShareGrant, AgreedLevel)
    if portfolios:
        portfolio_counts.recount(grants.order_by().values("funder_id"), apps=apps)
    return count


def _store(batch, ShareGrant, AgreedLevel):
    round_ids = {row[4] for row in batch if row[3] and row[4] is not None and row[1] is None}
    levels_by_round = {}
    for round_id, domain_id, level in AgreedLevel.objects.filter(round_id__in=round_ids).values_list(
        "round_id", "domain_id", "level"
    ):
        levels_by_round.setdefault(round_id, []).append((domain_id, level))
    grants = []
    for pk, revoked_at, share_progress, share_levels, round_id, closed_at, progress_at, decision, name in batch:
        grant = ShareGrant(pk=pk, **EMPTY)
        grant.group_name = name
        if revoked_at is None:
            if share_levels and round_id is not None:
                grant.summary_levels, grant.summary_readiness = _levels_and_average(levels_by_round.get(round_id, []))
                grant.summary_assessed_at = closed_at
            if share_progress:
                grant.summary_progress_at = progress_at
            grant.summary_activity_at = _latest(grant.summary_progress_at, grant.summary_assessed_at)
            grant.summary_decision = decision or ""
        grants.append(grant)
    ShareGrant.objects.bulk_update(grants, _stored_fields(ShareGrant))
    return len(grants)


def _stored_fields(ShareGrant):
    """What `recount` writes: the summary and the grant's copy of the group's name (the portfolios' name
    order), which a data migration's grant from before that copy (0012) does not have."""
    if any(field.name == "group_name" for field in ShareGrant._meta.concrete_fields):
        return (*SUMMARY_FIELDS, "group_name")
    return SUMMARY_FIELDS


def _open_grants(**filters):
    return ShareGrant.objects.filter(revoked_at__isnull=True, **filters)


def after_round_closed(assessment_round, *, levels):
    """The group closed a round with `levels` ((domain id, level) pairs) agreed: it is now the latest, for
    every grant that shares the self-assessment (one query)."""
    levels, average = _levels_and_average(levels)
    closed_at = assessment_round.closed_at
    grants = _open_grants(group_id=assessment_round.group_id, share_self_assessment=True)
    grants.update(
        summary_levels=levels,
        summary_readiness=average,
        summary_assessed_at=closed_at,
        summary_activity_at=Greatest(Coalesce("summary_progress_at", Value(closed_at)), Value(closed_at)),
    )
    portfolio_counts.recount(grants.values("funder_id"))


def after_progress(*, group_id, activity_at):
    """The group did something on a pathway at `activity_at` (one query, only where it is later than before).

    Asked on every press of "done", so the statement is written once a process (`_after_progress_sql`): the
    ORM spent more time building this UPDATE than the database running it.
    """
    if activity_at is None:
        return
    at = connection.ops.adapt_datetimefield_value(activity_at)
    with transaction.mark_for_rollback_on_error(), connection.cursor() as cursor:
        cursor.execute(_after_progress_sql(), [at, at, at, group_id, True, at])


@functools.cache
def _after_progress_sql():
    """What `_open_grants(group_id=..., share_progress=True)` with a later `activity_at` sets, written out."""
    quote = connection.ops.quote_name
    meta = ShareGrant._meta
    column = {name: quote(meta.get_field(name).column) for name in _AFTER_PROGRESS_COLUMNS}
    # SQLite's two-argument MAX is PostgreSQL's GREATEST (what Django's `Greatest` writes on each).
    greatest = "MAX" if connection.vendor == "sqlite" else "GREATEST"
    # The table and column names come from the model's metadata; every value is a parameter.
    return (
        f"UPDATE {quote(meta.db_table)} SET {column['summary_progress_at']} = %s,"  # noqa: S608
        f" {column['summary_activity_at']} = {greatest}(COALESCE({column['summary_assessed_at']}, %s), %s)"
        f" WHERE {column['group']} = %s AND {column['revoked_at']} IS NULL AND {column['share_progress']} = %s"
        f" AND ({column['summary_progress_at']} IS NULL OR {column['summary_progress_at']} < %s)"
    )


_AFTER_PROGRESS_COLUMNS = (
    "summary_progress_at",
    "summary_activity_at",
    "summary_assessed_at",
    "group",
    "revoked_at",
    "share_progress",
)


def after_review(review):
    """A funder posted a review: it is now that funder's latest decision on the group."""
    _open_grants(group_id=review.group_id, funder_id=review.funder_id).update(summary_decision=review.decision)
    portfolio_counts.recount([review.funder_id])


def refresh(grant):
    """Work out one grant's summary from the raw rows (a new grant, whose scope decides what it carries)."""
    recount(ShareGrant.objects.filter(pk=grant.pk))
    grant.refresh_from_db(fields=SUMMARY_FIELDS)
    return grant


def cleared():
    """The values a revoked grant carries: nothing (for `update()` or attribute assignment)."""
    return {**EMPTY, "summary_levels": {}}
