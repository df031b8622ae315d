"""Recording a group's asks of public bodies, the stages of a participation request, and commitments."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from learning.signals import group_closed

from .. import permissions
from ..models import (
    STAGE_ORDER,
    Ask,
    AskKind,
    Commitment,
    CommitmentStatus,
    Decision,
    FeaturedSummary,
    FourCosAnswer,
    ProgressNote,
    Side,
    Stage,
    StageRecord,
)

# What a case study's history says when a summary featured on it changes (registered in wagtail_hooks).
SUMMARY_CHANGED = "partners.summary_changed"
SUMMARY_WITHDRAWN = "partners.summary_withdrawn"
SUMMARY_PUBLISHED = "partners.summary_published"


def _tell_featuring_pages(ask, *, by, action):
    """Note in the history of each case study featuring the ask that its summary changed.

    The note moves the site's content version on (it is the newest page log entry), so the visitor page cache
    hands out no copy showing the old summary, on any server, from the next request on. One query when the
    summary is featured nowhere.
    """
    pages = {row.page_id: row.page for row in FeaturedSummary.objects.filter(ask=ask).select_related("page")}
    for page in pages.values():
        log(instance=page, action=action, user=by, data={"summary": ask.title})


def group_closed_or_reopened(*, group, by, signal, **kwargs):
    """A closed group's published summaries leave the case studies featuring them, and come back if staff reopen
    it: each featuring page's history says so, which moves the content version on as a withdrawal does (receiver
    of learning's `group_closed` and `group_reopened`, connected in apps.py)."""
    action = SUMMARY_WITHDRAWN if signal is group_closed else SUMMARY_PUBLISHED
    featured = FeaturedSummary.objects.filter(ask__group=group, ask__published_at__isnull=False).select_related(
        "page", "ask"
    )
    for row in featured:
        log(instance=row.page, action=action, user=by, data={"summary": row.ask.title})


@transaction.atomic
def record_ask(*, group, by, body, title, issue, outcome, kind, sent_on, sent_how, decision_working_days=None):
    """Record what the group asked of a public body, in its own words."""
    if not permissions.can_record_asks(by, group):
        raise PermissionDenied
    if sent_on > timezone.localdate():
        raise ValidationError(_("The date it was sent cannot be in the future."), code="sent_future")
    return Ask.objects.create(
        group=group,
        body=body,
        title=title.strip(),
        issue=issue.strip(),
        outcome=outcome.strip(),
        kind=kind,
        sent_on=sent_on,
        sent_how=sent_how,
        decision_working_days=decision_working_days or Ask._meta.get_field("decision_working_days").default,
        created_by=by,
    )


@transaction.atomic
def record_stage(*, ask, by, stage, happened_on, decision="", reasons=""):
    """Record one stage of a participation request, in order, once; a decision says agreed or refused.

    The group's coordinator or the invited officer of the body may record it; which one is kept.
    """
    if not permissions.can_record_stage(by, ask):
        raise PermissionDenied
    if ask.kind != AskKind.PARTICIPATION:
        raise ValidationError(_("Only a participation request has stages."), code="not_participation")
    if happened_on > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="stage_future")
    if happened_on < ask.sent_on:
        raise ValidationError(_("The date cannot be before the request was sent."), code="stage_before_sent")
    recorded = dict(StageRecord.objects.filter(ask=ask).values_list("stage", "happened_on"))
    earlier = STAGE_ORDER[: STAGE_ORDER.index(stage)]
    for previous in earlier:
        if previous in recorded and recorded[previous] > happened_on:
            raise ValidationError(
                _("The date cannot be before an earlier stage (%(stage)s).") % {"stage": Stage(previous).label},
                code="stage_order",
            )
    if stage == Stage.DECIDED and decision not in Decision.values:
        raise ValidationError(_("Say whether the public body agreed or refused."), code="decision_missing")
    if stage == Stage.DECIDED and decision == Decision.REFUSED and not reasons.strip():
        raise ValidationError(_("Give the reasons the public body gave for refusing."), code="reasons_missing")
    if stage in (Stage.PROCESS_STARTED, Stage.OUTCOME_REPORTED) and _decision(ask) != Decision.AGREED:
        raise ValidationError(_("Record the public body's agreement first."), code="not_agreed")
    try:
        with transaction.atomic():
            record = StageRecord.objects.create(
                ask=ask,
                stage=stage,
                happened_on=happened_on,
                decision=decision if stage == Stage.DECIDED else "",
                reasons=reasons.strip(),
                recorded_by=by,
                recorded_by_officer=permissions.is_officer_view(by, ask.group_id),
            )
    except IntegrityError:
        raise ValidationError(_("This stage has already been recorded."), code="stage_twice") from None
    if ask.published_at is not None:
        _tell_featuring_pages(ask, by=by, action=SUMMARY_CHANGED)
    return record


def _decision(ask):
    return StageRecord.objects.filter(ask=ask, stage=Stage.DECIDED).values_list("decision", flat=True).first()


@transaction.atomic
def record_commitment(*, ask, by, what, due_on, owner):
    """Record what the public body agreed to do, by when, and who owns it."""
    if not permissions.can_record_commitment(by, ask):
        raise PermissionDenied
    commitment = Commitment.objects.create(
        ask=ask, what=what.strip(), due_on=due_on, owner=owner.strip(), created_by=by
    )
    if ask.published_at is not None:
        _tell_featuring_pages(ask, by=by, action=SUMMARY_CHANGED)
    return commitment


@transaction.atomic
def add_note(*, commitment, by, text):
    """Add dated words on progress; the side is the writer's (the group's or the public body's)."""
    if not permissions.can_write_note(by, commitment):
        raise PermissionDenied
    side = Side.BODY if permissions.is_officer_view(by, commitment.ask.group_id) else Side.GROUP
    return ProgressNote.objects.create(commitment=commitment, side=side, text=text.strip(), author=by)


@transaction.atomic
def mark_commitment(*, commitment, by, status, reason):
    """The group says whether the commitment was kept, partly kept or not kept, and why."""
    if not permissions.can_mark_commitment(by, commitment.ask.group_id):
        raise PermissionDenied
    if status not in (CommitmentStatus.KEPT, CommitmentStatus.PARTLY_KEPT, CommitmentStatus.NOT_KEPT):
        raise ValidationError(_("Choose kept, partly kept or not kept."), code="status")
    if not reason.strip():
        raise ValidationError(_("Say why, in a sentence or two."), code="reason_missing")
    commitment.status = status
    commitment.status_reason = reason.strip()
    commitment.marked_by = by
    commitment.marked_at = timezone.now()
    commitment.save(update_fields=["status", "status_reason", "marked_by", "marked_at"])
    if commitment.ask.published_at is not None:
        _tell_featuring_pages(commitment.ask, by=by, action=SUMMARY_CHANGED)
    return commitment


@transaction.atomic
def answer_four_cos(*, ask, by, answers):
    """Record (or change) this person's side's answer to the Four Co's; `answers` maps each question to a choice."""
    side = permissions.four_cos_side(by, ask)
    if side is None:
        raise PermissionDenied
    values = {question: answers[question] for question in FourCosAnswer.QUESTIONS}
    answer, _created = FourCosAnswer.objects.update_or_create(
        ask=ask, side=side, defaults={**values, "answered_by": by, "answered_at": timezone.now()}
    )
    return answer


@transaction.atomic
def publish_ask(*, ask, by, comment):
    """Put a summary of the ask on the group's public page: title, body, dates, status and the comment."""
    if not permissions.can_publish(by, ask.group_id):
        raise PermissionDenied
    ask.published_at = timezone.now()
    ask.public_comment = comment.strip()
    ask.save(update_fields=["published_at", "public_comment"])
    _tell_featuring_pages(ask, by=by, action=SUMMARY_PUBLISHED)
    return ask


@transaction.atomic
def withdraw_ask(*, ask, by):
    """Take the summary off the public page, and off every case study featuring it, at once."""
    if not permissions.can_publish(by, ask.group_id):
        raise PermissionDenied
    ask.published_at = None
    ask.save(update_fields=["published_at"])
    _tell_featuring_pages(ask, by=by, action=SUMMARY_WITHDRAWN)
    return ask
