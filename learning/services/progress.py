"""The one place that changes a group's progress and keeps PathwayProgress true.

Concurrency: every change for a group and pathway first locks that Enrolment row, so changes
to one group's pathway run one after another; StepProgress and PathwayProgress are unique per
group and step / pathway, so a repeated or concurrent "mark done" leaves one record and one
activity entry.
"""

import dataclasses
import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from .. import notices, permissions
from ..group_versions import bump_groups
from ..models import (
    COMPLETE_STATUSES,
    ActivityEntry,
    ActivityVerb,
    Certificate,
    CompletionRule,
    Enrolment,
    Evidence,
    PathwayPage,
    PathwayProgress,
    Role,
    StepPage,
    StepProgress,
    StepStatus,
)
from ..models.evidence import kept_for_step
from ..models.progress import certificate_valid_until
from ..rows import fields_of, from_row
from ..signals import pathway_completed, progress_changed
from .notices import notify

_VERB_FOR_STATUS = {
    StepStatus.DONE: ActivityVerb.MARKED_DONE,
    StepStatus.AWAITING_CONFIRMATION: ActivityVerb.ASKED_CONFIRMATION,
    StepStatus.AWAITING_VERIFICATION: ActivityVerb.ASKED_VERIFICATION,
    StepStatus.VERIFIED: ActivityVerb.VERIFIED,
    StepStatus.NOT_STARTED: ActivityVerb.UNDONE,
    StepStatus.NOT_APPLICABLE: ActivityVerb.NOT_APPLICABLE,
    StepStatus.IN_PROGRESS: ActivityVerb.STARTED,
}


NEEDS_CONFIRMATION_FIRST = gettext_lazy("The coordinator confirms this step first. You can verify it once they have.")
REASON_LIMIT = 1000


def missing_evidence(*, group, step):
    """What this step asks for that the group has not kept, as words to show; "" when nothing is missing.

    A step asks for evidence when it names a type or describes what to keep. The group has it when its
    library holds something current and in date that was added on or attached to this step or, for a
    named type, is of that type (a constitution kept from the library counts for "Agree a constitution").
    """
    if not step.evidence_type and not step.evidence_asked.strip():
        return ""
    match = kept_for_step(step)
    if step.evidence_type:
        match |= Q(evidence_type=step.evidence_type)
    in_date = Q(valid_until__isnull=True) | Q(valid_until__gte=timezone.localdate())
    if Evidence.objects.current().filter(group=group).filter(match & in_date).exists():
        return ""
    if step.evidence_type:
        return str(step.get_evidence_type_display())
    return step.evidence_asked.strip()


def resolve_status(*, requested, step, current, user, group):
    """Apply the step's completion rule: what `requested` becomes when this person asks for it.

    Raises PermissionDenied when the person may not make this change at all.
    """
    # A closed group is read-only: nobody in it changes a step any more.
    found = permissions.working_access(user, group)
    if not (found.is_member or found.is_facilitator):
        raise PermissionDenied
    if requested == StepStatus.DONE:
        if current in COMPLETE_STATUSES:
            # Already complete: marking it done again never downgrades a confirmation or verification.
            return current
        if step.completion_rule == CompletionRule.COORDINATOR:
            if permissions.can_complete_directly(user, group, step):
                return StepStatus.DONE
            return StepStatus.AWAITING_CONFIRMATION
        if step.completion_rule == CompletionRule.FACILITATOR:
            return StepStatus.VERIFIED if found.is_facilitator else StepStatus.AWAITING_VERIFICATION
        return StepStatus.DONE
    if requested == StepStatus.VERIFIED:
        if not permissions.can_verify_step(user, group, step):
            raise PermissionDenied
        if step.completion_rule == CompletionRule.COORDINATOR and current not in COMPLETE_STATUSES:
            # A facilitator's verification adds to the coordinator's confirmation; it never stands in for it.
            raise ValidationError(NEEDS_CONFIRMATION_FIRST, code="needs_confirmation")
        return StepStatus.VERIFIED
    if requested == StepStatus.NOT_APPLICABLE and not permissions.can_mark_not_applicable(user, group):
        raise PermissionDenied
    if requested == StepStatus.NOT_STARTED and current == StepStatus.VERIFIED and not found.is_facilitator:
        # Only a facilitator can take back a verification.
        raise PermissionDenied
    return requested


@dataclasses.dataclass(frozen=True, slots=True)
class _Locked:
    """What `_lock_enrolment` read in its one statement, under the lock: the step's stored progress, the
    pathway's stored summary and the counts a recount needs."""

    progress_id: int | None
    status: str | None
    summary: PathwayProgress | None
    counts: tuple[int, int, int]
    step_counted: bool

    def counts_after(self, old_status, new_status):
        """The counts once the step has moved from `old_status` to `new_status`: as a recount would find them,
        since this step is among the live steps counted exactly when `step_counted`."""
        live_steps, done, not_applicable = self.counts
        if self.step_counted:
            done += (new_status in COMPLETE_STATUSES) - (old_status in COMPLETE_STATUSES)
            not_applicable += (new_status == StepStatus.NOT_APPLICABLE) - (old_status == StepStatus.NOT_APPLICABLE)
        return live_steps, done, not_applicable


def _lock_enrolment(group, pathway, step):
    """Lock the group's progress on the pathway and read, in the same statement, what changing `step` needs
    (`_Locked`): the step's progress as stored (no id or status when the group has never changed it), the
    pathway's summary as stored, and the live steps counted as `_count_steps` counts them.

    The group's row first (its records version moves with this write anyway), then the enrolment: every
    transaction that writes a group's progress takes them in that order, so two never wait on each other,
    and once the group's row is held no one else changes the group's progress until this one commits. So
    what this statement reads stays true to the end: its rows need no lock of their own, and the counts
    after the change follow from the step's old and new status (`_Locked.counts_after`) with no recount.
    One statement written out, as the ORM spent more time building it than the database answering it.
    """
    bump_groups(group.pk)
    complete = [str(status) for status in sorted(COMPLETE_STATUSES)]
    with connection.cursor() as cursor:
        cursor.execute(
            _lock_enrolment_sql(),
            [step.pk, step.pk, *complete, str(StepStatus.NOT_APPLICABLE), group.pk, pathway.pk, group.pk, pathway.pk],
        )
        row = cursor.fetchone()
    if row is None:
        raise ValidationError(_("Your group has not started this pathway yet."))
    summary_fields = _summary_fields()
    progress_id, status, *summary_values = row[: 2 + len(summary_fields)]
    live_steps, done, not_applicable, counted = row[2 + len(summary_fields) :]
    summary = None
    if summary_values[0] is not None:
        summary = from_row(PathwayProgress, summary_fields, summary_values)
        summary.group, summary.pathway = group, pathway
    # SUM over no rows is NULL.
    return _Locked(progress_id, status, summary, (live_steps, done or 0, not_applicable or 0), bool(counted))


@functools.cache
def _summary_fields():
    # What of the stored summary a recount keeps (done, total and percent it works out afresh); the id first.
    return fields_of(PathwayProgress, ("id", "group_id", "pathway_id", "last_activity_at", "completed_at"))


@functools.cache
def _lock_enrolment_sql():
    enrolment, step, page, progress, summary = (
        connection.ops.quote_name(model._meta.db_table)
        for model in (Enrolment, StepPage, Page, StepProgress, PathwayProgress)
    )
    lock = " FOR UPDATE OF enrolment" if connection.features.has_select_for_update_of else ""
    # Table names come from the models' metadata; every value is a parameter.
    return (
        "SELECT this_step.id, this_step.status,"  # noqa: S608
        f" {', '.join(f'summary.{connection.ops.quote_name(field.column)}' for field in _summary_fields())},"
        " counts.live_steps, counts.done, counts.not_applicable,"
        f" (SELECT COUNT(*) FROM {step} step INNER JOIN {page} page ON page.id = step.page_ptr_id"
        "  WHERE step.page_ptr_id = %s AND step.pathway_id = enrolment.pathway_id AND page.live)"
        f" FROM {enrolment} enrolment"
        f" LEFT OUTER JOIN {progress} this_step ON this_step.group_id = enrolment.group_id AND this_step.step_id = %s"
        f" LEFT OUTER JOIN {summary} summary"
        " ON summary.group_id = enrolment.group_id AND summary.pathway_id = enrolment.pathway_id"
        f" CROSS JOIN ({_count_steps_sql()}) counts"
        f" WHERE enrolment.group_id = %s AND enrolment.pathway_id = %s{lock}"
    )


@transaction.atomic
def enrol(*, group, pathway, by):
    """Start a pathway for a group: its coordinator, or staff in the admin. Returns the Enrolment; safe to repeat."""
    if not (permissions.can_enrol(by, group) or permissions.can_administer(by, "add", Enrolment)):
        raise PermissionDenied
    enrolment, created = Enrolment.objects.get_or_create(group=group, pathway=pathway, defaults={"enrolled_by": by})
    if created:
        ActivityEntry.objects.create(group=group, actor=by, verb=ActivityVerb.ENROLLED, pathway=pathway)
        recompute(group=group, pathway=pathway)
    return enrolment


@transaction.atomic
def record_step_status(*, group, step, status, by, on_behalf=None, reason="", note=""):
    """Change the group's status for a step, applying its completion rule. Idempotent.

    Returns the StepProgress. When nothing changes (the same request twice, or two people at
    once) no second activity entry is written and no signal is sent.

    Asking to verify a step whose requested evidence is missing needs a `reason` (ValidationError with
    code "evidence_missing" without one); the reason is kept, with the evidence that was missing, as the
    note of the "verified a step" entry in the group's activity, in the facilitator's name, where no one
    can edit or hide it.

    `note` says where the change was made (a meeting recorded afterwards, say); it is kept on the activity
    entry as well, after any reason.
    """
    if status not in StepStatus.values:
        raise ValidationError(_("That is not a status a step can have."))
    pathway = step.pathway
    if pathway is None:
        raise ValidationError(_("This step is not part of a pathway."))
    locked = _lock_enrolment(group, pathway, step)
    progress_id = locked.progress_id
    current = locked.status or StepStatus.NOT_STARTED
    new_status = resolve_status(requested=status, step=step, current=current, user=by, group=group)
    if new_status == current:
        if progress_id is None:
            return StepProgress(group=group, step=step, pathway=pathway, status=current)
        return StepProgress.objects.get(pk=progress_id)
    reason = (reason or "").replace("\x00", "").replace("\r\n", "\n").strip()
    # Asked of every new verification, whichever button led to it: a facilitator's "done" on a step that a
    # facilitator verifies becomes a verification, so it meets the same check as "Verify this step".
    missing = missing_evidence(group=group, step=step) if new_status == StepStatus.VERIFIED else ""
    if missing and not reason:
        raise ValidationError(
            _("The evidence this step asks for is missing (%(missing)s). To verify it anyway, give a reason.")
            % {"missing": missing},
            code="evidence_missing",
        )
    if len(reason) > REASON_LIMIT:
        raise ValidationError(
            _("Keep the reason to %(limit)d characters or fewer.") % {"limit": REASON_LIMIT}, code="reason_too_long"
        )
    if on_behalf is None:
        on_behalf = permissions.records_on_behalf(by, group)
    now = timezone.now()
    # Every column is known, so the row is written in one statement: an INSERT the first time (the group's
    # row, locked above, keeps a second writer of this group waiting, so it cannot appear meanwhile).
    progress = StepProgress(
        pk=progress_id,
        group=group,
        step=step,
        pathway=pathway,
        status=new_status,
        changed_by=by,
        changed_at=now,
        on_behalf=on_behalf,
    )
    progress.save(force_insert=progress_id is None, force_update=progress_id is not None)
    verb = _VERB_FOR_STATUS.get(new_status, ActivityVerb.STATUS_CHANGED)
    if new_status == StepStatus.DONE and current == StepStatus.AWAITING_CONFIRMATION:
        verb = ActivityVerb.CONFIRMED
    entry = ActivityEntry.objects.create(
        group=group,
        actor=by,
        verb=verb,
        step=step,
        pathway=pathway,
        created_at=now,
        recorded_by_facilitator=on_behalf,
        # Kept in the group's activity as written, where no one can edit or hide it.
        note=" ".join(
            part
            for part in (
                _("Verified without the evidence this step asks for (%(missing)s). Why: %(reason)s")
                % {"missing": missing, "reason": reason}
                if missing
                else "",
                note.strip(),
            )
            if part
        ),
    )
    recompute(
        group=group,
        pathway=pathway,
        activity_at=now,
        known=(locked.counts_after(current, new_status), locked.summary),
    )
    _notify_waiting(group=group, step=step, status=new_status, entry=entry, by=by)
    transaction.on_commit(
        lambda: progress_changed.send(
            sender=StepProgress, group=group, pathway=pathway, step=step, status=new_status, by=by
        )
    )
    return progress


def _notify_waiting(*, group, step, status, entry, by):
    """Tell the coordinators a step waits for their confirmation, or the facilitators for their verification."""
    if status == StepStatus.AWAITING_CONFIRMATION:
        kind, recipients = notices.STEP_TO_CONFIRM, notices.member_ids(group, role=Role.COORDINATOR)
    elif status == StepStatus.AWAITING_VERIFICATION:
        kind, recipients = notices.STEP_TO_VERIFY, notices.facilitator_ids(group)
    else:
        return
    notify(
        kind=kind,
        recipients=recipients,
        event=f"activity:{entry.pk}",
        url=f"{step.get_url()}?group={group.slug}",
        group=group,
        params={"step": step.title, "group": group.name},
        exclude=by.pk,
    )


def mark_done(*, group, step, by):
    return record_step_status(group=group, step=step, status=StepStatus.DONE, by=by)


def verify(*, group, step, by, reason=""):
    return record_step_status(group=group, step=step, status=StepStatus.VERIFIED, by=by, reason=reason)


def note_activity(*, group, by, verb, step=None, pathway=None):
    """Add an entry to the group's activity log (reflections, evidence, membership changes)."""
    return ActivityEntry.objects.create(
        group=group,
        actor=by,
        verb=verb,
        step=step,
        pathway=pathway or (step.pathway if step is not None else None),
        recorded_by_facilitator=bool(by) and permissions.records_on_behalf(by, group),
    )


def recompute(*, group, pathway, activity_at=None, known=None):
    """Recount one group's progress on one pathway from the live steps; returns PathwayProgress.

    Steps marked not applicable count out of the total. Completion sets completed_at once and
    issues the certificate; falling below 100% (say a new step is published) clears completed_at,
    while the certificate already issued stays valid.

    `known` is (counts, stored summary or None) when the caller has read them under the group's lock
    (`_lock_enrolment`), so neither is read again.
    """
    counts, summary = known or (_count_steps(group, pathway), None)
    live_steps, steps_done, steps_not_applicable = counts
    total = max(live_steps - steps_not_applicable, 0)
    done = min(steps_done, total)
    percent = round(done * 100 / total) if total else 0
    # Never show 100% while a step is still to do.
    if percent == 100 and done < total:
        percent = 99
    if summary is None:
        summary, _created = PathwayProgress.objects.select_for_update().get_or_create(group=group, pathway=pathway)
    just_completed = total > 0 and done == total and summary.completed_at is None
    summary.done, summary.total, summary.percent = done, total, percent
    if activity_at:
        summary.last_activity_at = activity_at
    if just_completed:
        summary.completed_at = activity_at or timezone.now()
    elif total == 0 or done < total:
        summary.completed_at = None
    summary.save()
    if just_completed:
        Certificate.objects.get_or_create(
            group=group,
            pathway=pathway,
            defaults={
                "group_name": group.name,
                "pathway_title": pathway.title,
                "completed_at": summary.completed_at,
                "valid_until": certificate_valid_until(pathway, summary.completed_at),
            },
        )
        ActivityEntry.objects.create(
            group=group, actor=None, verb=ActivityVerb.COMPLETED, pathway=pathway, created_at=summary.completed_at
        )
        transaction.on_commit(lambda: pathway_completed.send(sender=PathwayProgress, group=group, pathway=pathway))
    return summary


def _count_steps(group, pathway):
    """The pathway's live steps, and how many of them the group has completed or marked not applicable.

    One statement written out: the ORM spent about 2.5 ms of Python building the two queries it replaces, on
    every press of "done" (issue 14). `live` is what Wagtail's `live()` asks.
    """
    complete = [str(status) for status in sorted(COMPLETE_STATUSES)]
    with connection.cursor() as cursor:
        cursor.execute(_count_steps_sql(), [*complete, str(StepStatus.NOT_APPLICABLE), group.pk, pathway.pk])
        live_steps, done, not_applicable = cursor.fetchone()
    # SUM over no rows is NULL.
    return live_steps, done or 0, not_applicable or 0


@functools.cache
def _count_steps_sql():
    step, page, progress = (connection.ops.quote_name(model._meta.db_table) for model in (StepPage, Page, StepProgress))
    complete = ", ".join(["%s"] * len(COMPLETE_STATUSES))
    # Table names come from the models' metadata; every value is a parameter.
    return (
        "SELECT COUNT(*) AS live_steps,"  # noqa: S608
        f" SUM(CASE WHEN progress.status IN ({complete}) THEN 1 ELSE 0 END) AS done,"
        " SUM(CASE WHEN progress.status = %s THEN 1 ELSE 0 END) AS not_applicable"
        f" FROM {step} step INNER JOIN {page} page ON page.id = step.page_ptr_id"
        f" LEFT OUTER JOIN {progress} progress ON progress.step_id = step.page_ptr_id AND progress.group_id = %s"
        " WHERE step.pathway_id = %s AND page.live"
    )


@transaction.atomic
def recalculate_pathway(pathway):
    """Recount every enrolled group's progress on a pathway (after its steps change)."""
    count = 0
    # The groups' rows first, as every progress write takes them (`_lock_enrolment`).
    bump_groups(*Enrolment.objects.filter(pathway=pathway).values_list("group_id", flat=True).order_by("group_id"))
    for enrolment in Enrolment.objects.select_for_update().filter(pathway=pathway).select_related("group"):
        recompute(group=enrolment.group, pathway=pathway)
        count += 1
    return count


def relink_steps(page):
    """Point every step at or under `page` at the pathway it now sits in; return the pathways touched."""
    touched = set()
    steps = StepPage.objects.filter(path__startswith=page.path)
    for step in steps:
        new_pathway = PathwayPage.objects.ancestor_of(step).first()
        if step.pathway_id:
            touched.add(step.pathway_id)
        if new_pathway is not None:
            touched.add(new_pathway.pk)
        if step.pathway_id != (new_pathway.pk if new_pathway else None):
            StepPage.objects.filter(pk=step.pk).update(pathway=new_pathway)
            StepProgress.objects.filter(step=step).update(pathway=new_pathway)
    return touched
