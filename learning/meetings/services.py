"""The changes to a group's meetings: recording one, correcting its minutes, keeping them as evidence and
marking actions done. Step changes go through the one progress service, exactly as if made one at a time."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from learning.evidence_types import EvidenceType
from learning.group_versions import bump_groups
from learning.models import Evidence, Membership
from learning.services import evidence as evidence_services
from learning.services import progress

from . import permissions
from .models import MINUTES_LIMIT, CorrectionStatus, Meeting, MeetingAction, MeetingStepChange, MinutesCorrection

EVIDENCE_NOTE_LIMIT = Evidence._meta.get_field("note").max_length


def as_typed(text, *, limit=MINUTES_LIMIT):
    """Text kept as typed: plain text, never HTML (templates escape it when they show it).

    Only what a person cannot mean is changed: surrounding space, NUL bytes (PostgreSQL refuses them)
    and the CR LF line endings a browser sends.
    """
    text = (text or "").replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > limit:
        raise ValidationError(_("Keep this to %(limit)d characters or fewer.") % {"limit": limit})
    return text


def on_behalf_note(held_on):
    return _("On behalf of the group at the meeting of %(date)s.") % {"date": date_format(held_on, "j F Y")}


@transaction.atomic
def record_meeting(
    *,
    group,
    by,
    token,
    held_on,
    place="",
    online=False,
    stage=None,
    attendees=(),
    others_present=0,
    step_changes=(),
    decisions="",
    actions=(),
):
    """Record a meeting; returns (meeting, created). The same `token` twice records one meeting.

    `step_changes` is a list of (step, status): each goes through `progress.record_step_status` in the
    recorder's name, noted as done on behalf of the group at this meeting, so the result is what the same
    changes made one at a time would give. A change the step's rules refuse (ValidationError) records
    nothing at all. `actions` is a list of dicts with text, owner (a member or None), owner_name, due_on.
    """
    if not permissions.can_record_meeting(by, group):
        raise PermissionDenied
    existing = Meeting.objects.filter(group=group, token=token).first()
    if existing is not None:
        return existing, False
    members = set(Membership.objects.active().filter(group=group).values_list("user_id", flat=True))
    if any(person.pk not in members for person in attendees) or any(
        action.get("owner") is not None and action["owner"].pk not in members for action in actions
    ):
        raise ValidationError(_("Choose only people who are members of the group."))
    if held_on > timezone.localdate():
        raise ValidationError(_("The date of the meeting cannot be in the future."))
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                group=group,
                token=token,
                held_on=held_on,
                online=online,
                place="" if online else as_typed(place, limit=200),
                stage=stage,
                others_present=others_present,
                decisions=as_typed(decisions),
                recorded_by=by,
            )
    except IntegrityError:
        # The same form sent twice at once: the other request recorded it.
        return Meeting.objects.get(group=group, token=token), False
    meeting.attendees.set(attendees)
    note = on_behalf_note(held_on)
    for step, status in step_changes:
        try:
            result = progress.record_step_status(group=group, step=step, status=status, by=by, note=note)
        except ValidationError as error:
            raise ValidationError(
                _("%(step)s: %(problem)s") % {"step": step.title, "problem": " ".join(error.messages)},
                code=getattr(error, "code", None),
            ) from error
        MeetingStepChange.objects.create(
            meeting=meeting, step=step, step_title=step.title[:255], requested=status, result=result.status
        )
    MeetingAction.objects.bulk_create(
        MeetingAction(
            meeting=meeting,
            text=as_typed(action["text"], limit=300),
            owner=action.get("owner"),
            owner_name="" if action.get("owner") else as_typed(action.get("owner_name", ""), limit=100),
            due_on=action["due_on"],
        )
        for action in actions
    )
    return meeting, True


@transaction.atomic
def propose_correction(*, meeting, by, text, reason=""):
    """A member who came proposes new wording for the decisions; the coordinator decides."""
    if not permissions.can_propose_correction(by, meeting):
        raise PermissionDenied
    text = as_typed(text)
    if not text:
        raise ValidationError(_("Write the decisions as they should read."))
    if text == meeting.decisions:
        raise ValidationError(_("This is the same as the minutes already say. Change the words that are wrong."))
    return MinutesCorrection.objects.create(
        meeting=meeting, proposed_by=by, text=text, reason=as_typed(reason, limit=500)
    )


@transaction.atomic
def decide_correction(*, correction, by, accept):
    """Accept (the decisions take the new text; the earlier text is kept) or decline. Deciding twice changes nothing.

    Returns True when this call decided it.
    """
    meeting = Meeting.objects.select_for_update().get(pk=correction.meeting_id)
    if not permissions.can_decide_correction(by, meeting):
        raise PermissionDenied
    correction = MinutesCorrection.objects.select_for_update().get(pk=correction.pk)
    if correction.status != CorrectionStatus.PROPOSED:
        return False
    correction.decided_by = by
    correction.decided_at = timezone.now()
    if accept:
        correction.status = CorrectionStatus.ACCEPTED
        correction.previous_text = meeting.decisions
        Meeting.objects.filter(pk=meeting.pk).update(decisions=correction.text)
    else:
        correction.status = CorrectionStatus.DECLINED
    correction.save()
    return True


def _minutes_as_note(meeting):
    where = _("online") if meeting.online else meeting.place
    lines = [
        _("Meeting of %(date)s, %(where)s.") % {"date": date_format(meeting.held_on, "j F Y"), "where": where},
        _("Members present: %(members)d. Others present: %(others)d.")
        % {"members": meeting.attendees.count(), "others": meeting.others_present},
        "",
        meeting.decisions,
    ]
    note = "\n".join(lines).strip()
    if len(note) > EVIDENCE_NOTE_LIMIT:
        note = note[: EVIDENCE_NOTE_LIMIT - 1] + "…"
    return note


@transaction.atomic
def keep_as_evidence(*, meeting, by, evidence_type=EvidenceType.OTHER):
    """Keep the minutes in the group's evidence library through the evidence service (once: pressed twice, or
    while the piece kept is still there, it returns that piece). Returns (evidence, created)."""
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("evidence").get(pk=meeting.pk)
    if not permissions.can_keep_as_evidence(by, meeting):
        raise PermissionDenied
    if meeting.evidence is not None and meeting.evidence.removed_at is None:
        return meeting.evidence, False
    if evidence_type not in {EvidenceType.AGM_MINUTES, EvidenceType.OTHER}:
        raise ValidationError(_("Choose what kind of minutes these are."))
    evidence = evidence_services.add_evidence(
        group=meeting.group,
        by=by,
        evidence_type=evidence_type,
        title=_("Minutes of the meeting of %(date)s") % {"date": date_format(meeting.held_on, "j F Y")},
        note=_minutes_as_note(meeting),
    )
    Meeting.objects.filter(pk=meeting.pk).update(evidence=evidence)
    bump_groups(meeting.group_id)
    return evidence, True


@transaction.atomic
def mark_action_done(*, action, by):
    """Mark an action done; pressed twice, or by two at once, it is done once. True when this call did it."""
    action = MeetingAction.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=action.pk)
    if not permissions.can_mark_action_done(by, action, action.meeting.group_id):
        raise PermissionDenied
    if action.done_at is not None:
        return False
    action.done_at = timezone.now()
    action.done_by = by
    action.save(update_fields=["done_at", "done_by"])
    return True
