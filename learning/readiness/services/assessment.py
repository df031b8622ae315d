"""Self-assessment rounds: open, rate, agree, close. A closed round never changes again."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.notices import member_ids
from learning.services.notices import notify

from .. import notices, permissions
from ..models import AgreedLevel, AssessmentRound, MemberRating
from . import summaries


def _lock_open_round(assessment_round):
    """Lock the round and refuse if it has closed meanwhile (two tabs, two people)."""
    locked = AssessmentRound.objects.select_for_update().get(pk=assessment_round.pk)
    if locked.closed_at is not None:
        raise ValidationError(_("This round is closed, so it can no longer be changed."), code="closed")
    return locked


def open_round(*, group, kind, by):
    if not permissions.can_run_self_assessment(by, group):
        raise PermissionDenied
    try:
        with transaction.atomic():
            if AssessmentRound.objects.open().filter(group=group).exists():
                raise ValidationError(_("Your group already has a round open. Close it before opening another."))
            assessment_round = AssessmentRound.objects.create(group=group, kind=kind, opened_by=by)
            notify(
                kind=notices.ROUND_OPENED,
                recipients=member_ids(group),
                event=f"round:{assessment_round.pk}",
                # The round's page, not its rating form: it still answers once the round has closed.
                url=reverse("readiness:round", kwargs={"slug": group.slug, "pk": assessment_round.pk}),
                group=group,
                params={"group": group.name},
                exclude=by.pk,
            )
            return assessment_round
    except IntegrityError as error:
        raise ValidationError(_("Your group already has a round open. Close it before opening another.")) from error


@transaction.atomic
def record_member_ratings(*, assessment_round, member, ratings):
    """Save one member's own ratings: `ratings` maps each domain to (level, comment); level None clears it."""
    if not permissions.can_rate_readiness(member, assessment_round.group_id):
        raise PermissionDenied
    locked = _lock_open_round(assessment_round)
    now = timezone.now()
    for domain, (level, comment) in ratings.items():
        if level is None:
            MemberRating.objects.filter(round=locked, domain=domain, member=member).delete()
            continue
        MemberRating.objects.update_or_create(
            round=locked, domain=domain, member=member, defaults={"level": level, "comment": comment, "updated_at": now}
        )


@transaction.atomic
def record_agreed_level(*, assessment_round, domain, by, level, reasons="", strengths="", next_steps=""):
    if not permissions.can_run_self_assessment(by, assessment_round.group_id):
        raise PermissionDenied
    locked = _lock_open_round(assessment_round)
    agreed, _created = AgreedLevel.objects.update_or_create(
        round=locked,
        domain=domain,
        defaults={
            "level": level,
            "reasons": reasons,
            "strengths": strengths,
            "next_steps": next_steps,
            "agreed_by": by,
            "agreed_at": timezone.now(),
        },
    )
    return agreed


@transaction.atomic
def close_round(*, assessment_round, by):
    if not permissions.can_run_self_assessment(by, assessment_round.group_id):
        raise PermissionDenied
    locked = _lock_open_round(assessment_round)
    levels = list(locked.agreed_levels.values_list("domain_id", "level"))
    if not levels:
        raise ValidationError(_("Agree a level for at least one domain before you close the round."))
    locked.closed_at = timezone.now()
    locked.closed_by = by
    locked.save(update_fields=["closed_at", "closed_by"])
    summaries.after_round_closed(locked, levels=levels)
    return locked
