"""The read queries partners pages share: a group's asks with their timelines, and what is overdue."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from . import clock, permissions
from .models import (
    STAGE_ORDER,
    Ask,
    AskKind,
    Commitment,
    CommitmentStatus,
    Decision,
    FourCosAnswer,
    PartnerAccessLog,
    PartnerGrant,
    Stage,
)
from .models.featured import PUBLISHED_NOW


@dataclass
class TimelineRow:
    """One stage of a participation request: recorded or not, with the day it is due where the Act sets one."""

    stage: str
    label: str
    record: object = None
    due_on: object = None
    overdue: bool = False


def timeline(ask, today=None):
    """The stages of a participation request in order, each with its record, due date and overdue flag.

    Reads `ask.stages.all()` (prefetched by the callers), so it asks no query of its own.
    """
    today = today or timezone.localdate()
    records = {record.stage: record for record in ask.stages.all()}
    validated = records.get(Stage.VALIDATED)
    decided = records.get(Stage.DECIDED)
    due = {}
    if validated is not None:
        due[Stage.DECIDED] = clock.decision_due(validated.happened_on, ask.decision_working_days)
    if decided is not None and decided.decision == Decision.AGREED:
        due[Stage.PROCESS_STARTED] = clock.process_start_due(decided.happened_on)
    rows = []
    for stage in Stage:
        record = records.get(stage.value)
        due_on = due.get(stage.value)
        rows.append(
            TimelineRow(
                stage=stage.value,
                label=stage.label,
                record=record,
                due_on=due_on,
                overdue=clock.is_overdue(due_on, record.happened_on if record else None, today),
            )
        )
    return rows


def next_stage(rows, ask):
    """The first stage not yet recorded that can be recorded now (nothing after a refusal), or None."""
    if not ask.is_participation_request:
        return None
    for row in rows:
        if row.record is not None:
            if row.stage == Stage.DECIDED and row.record.decision == Decision.REFUSED:
                return None
            continue
        return row
    return None


def _with_stages_and_commitments(asks):
    return asks.select_related("body").prefetch_related(
        "stages", Prefetch("commitments", queryset=Commitment.objects.order_by("due_on", "pk"))
    )


def asks_for_group(group, *, body=None):
    """The group's asks, newest first (only those of `body` when given), with stages and commitments loaded."""
    asks = Ask.objects.filter(group=group)
    if body is not None:
        asks = asks.filter(body=body)
    return list(_with_stages_and_commitments(asks))


def ask_with_timeline(group, pk):
    """One of the group's asks with its stages, commitments (and their notes) and timeline loaded."""
    asks = _with_stages_and_commitments(Ask.objects.filter(group=group, pk=pk)).prefetch_related(
        "commitments__notes__author", "four_cos"
    )
    return asks_with_timelines(list(asks))[0]


def asks_with_timelines(asks, today=None):
    today = today or timezone.localdate()
    for ask in asks:
        ask.timeline = timeline(ask, today) if ask.is_participation_request else []
        ask.overdue_stages = [row for row in ask.timeline if row.overdue]
        ask.overdue_commitments = [c for c in ask.commitments.all() if c.is_overdue(today)]
    return asks


def asks_for_funder(group, today=None):
    """Every ask of the group for a funder it shares them with: stages, commitments and both sides' notes loaded,
    each with its timeline and what is overdue (four queries however many). No names of who recorded or wrote."""
    asks = _with_stages_and_commitments(Ask.objects.filter(group=group)).prefetch_related("commitments__notes")
    return asks_with_timelines(list(asks), today)


def overdue_for_groups(group_ids, today=None):
    """Overdue stages and commitments of these groups' asks, keyed by group id.

    One query when the groups have no asks (most), three when they have: asks, their stages, and only
    their open commitments past their day.
    """
    today = today or timezone.localdate()
    overdue_commitments = Commitment.objects.filter(status=CommitmentStatus.OPEN, due_on__lt=today).order_by(
        "due_on", "pk"
    )
    found = {}
    asks = (
        Ask.objects.filter(group_id__in=group_ids)
        .select_related("body")
        .prefetch_related("stages", Prefetch("commitments", queryset=overdue_commitments, to_attr="overdue"))
    )
    for ask in asks:
        if ask.kind == AskKind.PARTICIPATION:
            for row in timeline(ask, today):
                if row.overdue:
                    found.setdefault(ask.group_id, []).append((ask, row))
        for commitment in ask.overdue:
            found.setdefault(ask.group_id, []).append((ask, commitment))
    return found


def grants_for_group(group):
    return list(PartnerGrant.objects.filter(group=group).select_related("body", "granted_by", "revoked_by"))


def access_log_for_group(group):
    return PartnerAccessLog.objects.filter(group=group).select_related("body", "viewer")


def officer_groups(user):
    """The groups that invited this officer and share with their body now, each with its live grant."""
    contacts = list(permissions.officer_contacts(user).select_related("group", "body"))
    live = {
        (grant.group_id, grant.body_id): grant
        for grant in PartnerGrant.objects.live().filter(
            group_id__in=[contact.group_id for contact in contacts],
            body_id__in=[contact.body_id for contact in contacts],
        )
    }
    rows = []
    for contact in contacts:
        grant = live.get((contact.group_id, contact.body_id))
        if grant is not None:
            rows.append((contact.group, contact.body, grant))
    return rows


@dataclass
class FourCosRow:
    """One question: each side's answer in words ("" when not answered) and whether the two differ."""

    question: str
    group: str
    body: str
    differ: bool


def four_cos(ask):
    """Both sides' answers, question by question, with where they differ (reads `ask.four_cos.all()`)."""
    answers = {answer.side: answer for answer in ask.four_cos.all()}
    group, body = answers.get("group"), answers.get("body")
    rows = []
    for question in FourCosAnswer.QUESTIONS:
        values = [getattr(answer, question) if answer else "" for answer in (group, body)]
        rows.append(
            FourCosRow(
                question=FourCosAnswer._meta.get_field(question).verbose_name,
                group=getattr(group, f"get_{question}_display")() if group else "",
                body=getattr(body, f"get_{question}_display")() if body else "",
                differ=all(values) and values[0] != values[1],
            )
        )
    return answers, rows


def ask_status(ask):
    """The ask's state in a few words, for the public summary: the latest stage recorded, or "Sent"."""
    records = sorted(ask.stages.all(), key=lambda record: STAGE_ORDER.index(record.stage))
    if not records:
        return None
    return records[-1]


def published_asks(group):
    """The asks a group's coordinator chose to publish, with their stages and commitments."""
    return list(_with_stages_and_commitments(Ask.objects.filter(group=group, published_at__isnull=False)))


def featured_summaries(page):
    """The summaries an editor featured on a case study page that their groups publish now, in the editor's order.

    Reads the page's own rows (a preview's too), so a withdrawn summary, or one of a closed group, is never shown.
    One query with nothing featured; four however many are.
    """
    ask_ids = list(dict.fromkeys(row.ask_id for row in page.featured_summaries.all()))
    if not ask_ids:
        return []
    found = _with_stages_and_commitments(Ask.objects.filter(PUBLISHED_NOW, pk__in=ask_ids)).select_related("group")
    by_id = {ask.pk: ask for ask in found}
    summaries = [by_id[pk] for pk in ask_ids if pk in by_id]
    for ask in summaries:
        ask.latest = ask_status(ask)
    return summaries


def draft_letter(ask, *, by):
    """The words of a participation request, with what Part 3 of the 2015 Act asks a request to contain."""
    group = ask.group
    lines = [
        _("To: %(body)s") % {"body": ask.body.name},
        "",
        _("Participation request under Part 3 of the Community Empowerment (Scotland) Act 2015"),
        "",
        _("1. The community participation body"),
        group.name + (f" ({group.get_legal_form_display()})" if group.legal_form else ""),
    ]
    if group.description:
        lines.append(group.description)
    if group.place:
        lines.append(_("We work in %(place)s.") % {"place": group.get_place_display()})
    lines += [
        "",
        _("2. The outcome we want to improve"),
        ask.outcome,
        "",
        _("3. What we know about the issue"),
        ask.issue,
        "",
        _("4. The improvement we expect"),
        _("[Say what would change for people, and how you would know.]"),
        "",
        _("5. Why we should take part"),
        _("[Say what knowledge, skills and experience your group brings.]"),
        "",
        _("Please tell us when you have validated this request. We look forward to your decision."),
        "",
        by.get_display_name(),
        _("on behalf of %(group)s") % {"group": group.name},
    ]
    return "\n".join(lines)
