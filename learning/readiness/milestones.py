"""Readiness's milestones on a group's timeline (registered with `learning.milestones` at start-up): each
self-assessment round the group closed and each review a funder sent it, one query each."""

from django.urls import reverse
from django.utils.translation import gettext as _

from learning.milestones import Milestone

from . import permissions
from .models import AssessmentRound, ReadinessReview


def closed_rounds(user, group):
    if not permissions.can_view_readiness(user, group):
        return []
    return [
        Milestone(
            when=assessment_round.closed_at,
            kind=_("Self-assessment round closed"),
            title=assessment_round.get_kind_display(),
            url=reverse("readiness:round", kwargs={"slug": group.slug, "pk": assessment_round.pk}),
        )
        for assessment_round in AssessmentRound.objects.closed().filter(group=group).only("kind", "closed_at")
    ]


def reviews_received(user, group):
    if not permissions.can_view_reviews(user, group):
        return []
    return [
        Milestone(
            when=review.created_at,
            kind=_("Review received"),
            title=_("From %(funder)s") % {"funder": review.funder.name},
            url=reverse("readiness:group_review", kwargs={"slug": group.slug, "pk": review.pk}),
            detail=review.get_decision_display(),
        )
        for review in ReadinessReview.objects.filter(group=group).select_related("funder")
    ]


PROVIDERS = [closed_rounds, reviews_received]
