"""Funder reviews of a group's readiness and the group's replies."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from learning.models import Role
from learning.notices import member_ids
from learning.services.notices import notify

from .. import notices, permissions, tasks
from ..models import DomainRating, ReadinessReview, ReviewReply, ShareGrant
from ..rating import check_override
from ..signals import review_posted
from . import summaries


@transaction.atomic
def post_review(*, grant, reviewer, decision, feedback, ratings, suggestions, suggested_steps=()):
    """Record a review under a live grant.

    `ratings` maps each domain to (final rating, override reason, comment); `suggestions` maps
    each domain to the Hub's suggested rating, worked out by the caller from what the grant shares.
    """
    locked = ShareGrant.objects.select_for_update().filter(pk=grant.pk).first()
    if (
        locked is None
        or not locked.is_live()
        or not permissions.can_review_group(reviewer, locked.group_id, locked.funder)
    ):
        raise PermissionDenied
    errors = {}
    for domain, (final, reason, _comment) in ratings.items():
        try:
            check_override(suggested=suggestions[domain], final=final, reason=reason)
        except ValidationError as error:
            errors[domain] = error
    if errors:
        raise ValidationError(errors)
    review = ReadinessReview.objects.create(
        group_id=locked.group_id,
        funder_id=locked.funder_id,
        grant=locked,
        reviewer=reviewer,
        decision=decision,
        feedback=feedback,
    )
    DomainRating.objects.bulk_create(
        [
            DomainRating(
                review=review,
                domain=domain,
                suggested=suggestions[domain],
                final=final,
                override_reason=reason if final != suggestions[domain] else "",
                comment=comment,
            )
            for domain, (final, reason, comment) in ratings.items()
        ]
    )
    if suggested_steps:
        review.suggested_steps.set(suggested_steps)
    summaries.after_review(review)
    group, funder = locked.group, locked.funder
    notify(
        kind=notices.REVIEW_POSTED,
        recipients=member_ids(group, role=Role.COORDINATOR),
        event=f"review:{review.pk}",
        url=reverse("readiness:group_review", kwargs={"slug": group.slug, "pk": review.pk}),
        group=group,
        params={"group": group.name, "funder": funder.name},
    )
    transaction.on_commit(lambda: review_posted.send(sender=ReadinessReview, review=review, by=reviewer))
    transaction.on_commit(lambda: tasks.notify_review_posted.enqueue(review.pk))
    return review


@transaction.atomic
def reply_to_review(*, review, by, body):
    if not permissions.can_reply_to_review(by, review.group_id):
        raise PermissionDenied
    if not body.strip():
        raise ValidationError(_("Write your reply."))
    reply = ReviewReply.objects.create(review=review, author=by, body=body.strip())
    group, funder = review.group, review.funder
    notify(
        kind=notices.REVIEW_REPLY,
        recipients=notices.reviewer_ids(funder),
        event=f"reply:{reply.pk}",
        url=reverse("readiness:funder_group", kwargs={"slug": group.slug}),
        group=group,
        audience_id=funder.pk,
        params={"group": group.name, "funder": funder.name},
    )
    transaction.on_commit(lambda: tasks.notify_review_reply.enqueue(reply.pk))
    return reply
