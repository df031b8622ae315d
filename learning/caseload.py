"""A facilitator's caseload: every group they support, how far each has got, and what needs them.

The core gives each group's pathways stage by stage, its last activity and whether it has stalled, the
steps waiting for a facilitator to verify, evidence running out and certificates about to lapse. Other
parts of the plugin add columns with `register_part` from their AppConfig.ready() (readiness adds each
group's latest agreed levels), so this module never imports them.

A part is a callable `part(user, groups)` returning a `CaseloadPart` or None. It is given the groups
already loaded (their roles known to `permissions`) and must cost the same few queries however many
groups there are.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy

from . import selectors
from .conf import stalled_after_days

# Evidence and certificates that run out within this many days are shown.
EXPIRY_DAYS = 60

SORTS = {
    "name": gettext_lazy("Group name"),
    "activity": gettext_lazy("Least recent activity first"),
    "waiting": gettext_lazy("Most steps to verify first"),
    "progress": gettext_lazy("Least progress first"),
}

_PARTS = []


@dataclass
class CaseloadPart:
    """Columns another app adds: one cell on the page headed `heading`, listing each named value, and one CSV
    column per field. `values` maps a group's id to its values, one per field ("" when it has none);
    `empty` is what the page's cell says for a group without any."""

    heading: str
    fields: list
    values: dict = field(default_factory=dict)
    empty: str = ""

    def cells_for(self, group):
        return self.values.get(group.pk) or [""] * len(self.fields)

    def lines_for(self, group):
        """(field, value) for each value the group has, as the page shows them."""
        return [(name, value) for name, value in zip(self.fields, self.cells_for(group), strict=True) if value]


def register_part(part):
    """Add columns to every facilitator's caseload (called once from an AppConfig.ready(); twice keeps one)."""
    if part not in _PARTS:
        _PARTS.append(part)


@dataclass
class GroupRow:
    """One group on the caseload."""

    group: object
    pathways: list = field(default_factory=list)  # selectors.PathwayStages
    last_activity: object = None
    stalled: bool = False
    to_verify: list = field(default_factory=list)  # StepProgress waiting for a facilitator
    evidence: list = field(default_factory=list)  # Evidence out of date or running out
    certificates: list = field(default_factory=list)  # Certificates lapsing or lapsed
    extra: list = field(default_factory=list)  # (CaseloadPart, [(field, value)])

    @property
    def percent(self):
        """The group's lowest pathway percentage (none enrolled counts as 0), for sorting by progress."""
        return min((row.progress.percent if row.progress else 0 for row in self.pathways), default=0)

    @property
    def finished(self):
        """Every pathway it started is complete: nothing left to stall on."""
        return bool(self.pathways) and all(row.progress and row.progress.completed_at for row in self.pathways)


@dataclass
class Caseload:
    rows: list  # the groups shown (filtered and sorted)
    parts: list
    total: int  # every group the person supports, shown or not
    stalled_count: int  # of them all
    to_verify_count: int  # steps waiting in them all
    stalled_after: int
    pathways: list  # (id, title) of every pathway a group on the caseload has started, by title

    @property
    def to_verify_shown(self):
        return sum(len(row.to_verify) for row in self.rows)


def caseload_for(user, *, stalled=False, waiting=False, pathway=None, sort="name", now=None):
    """The person's caseload, filtered and sorted: a fixed number of queries however many groups.

    `stalled` keeps the groups with no activity for `LEARNING_STALLED_AFTER_DAYS` (those that finished every
    pathway they started never stall); `waiting` those with steps to verify; `pathway` (an id) those that
    started it.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    days = stalled_after_days()
    groups = selectors.caseload_groups(user)
    pathways = selectors.stage_progress(groups)
    activity = selectors.last_activity(groups)
    waiting_steps = selectors.steps_to_verify(groups)
    evidence = selectors.evidence_to_renew(groups, today=today, days=EXPIRY_DAYS)
    certificates = selectors.certificates_lapsing(groups, today=today, days=EXPIRY_DAYS)
    parts = [found for part in _PARTS if (found := part(user, groups)) is not None]
    rows = []
    started = {}
    for group in groups:
        row = GroupRow(
            group=group,
            pathways=pathways.get(group.pk, []),
            last_activity=activity.get(group.pk),
            to_verify=waiting_steps.get(group.pk, []),
            evidence=evidence.get(group.pk, []),
            certificates=certificates.get(group.pk, []),
            extra=[(part, part.lines_for(group)) for part in parts],
        )
        quiet_since = row.last_activity or group.created
        row.stalled = not row.finished and quiet_since < now - timedelta(days=days)
        for item in row.pathways:
            started[item.pathway.pk] = item.pathway.title
        rows.append(row)
    total, stalled_count = len(rows), sum(row.stalled for row in rows)
    to_verify_count = sum(len(row.to_verify) for row in rows)
    if stalled:
        rows = [row for row in rows if row.stalled]
    if waiting:
        rows = [row for row in rows if row.to_verify]
    if pathway:
        rows = [row for row in rows if any(item.pathway.pk == pathway for item in row.pathways)]
    rows = _sorted(rows, sort)
    return Caseload(
        rows=rows,
        parts=parts,
        total=total,
        stalled_count=stalled_count,
        to_verify_count=to_verify_count,
        stalled_after=days,
        pathways=sorted(started.items(), key=lambda item: item[1].lower()),
    )


def _sorted(rows, sort):
    by_name = sorted(rows, key=lambda row: (row.group.name.lower(), row.group.pk))
    if sort == "activity":
        never = datetime.min.replace(tzinfo=UTC)
        return sorted(by_name, key=lambda row: row.last_activity or never)
    if sort == "waiting":
        return sorted(by_name, key=lambda row: -len(row.to_verify))
    if sort == "progress":
        return sorted(by_name, key=lambda row: row.percent)
    return by_name
