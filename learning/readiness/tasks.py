"""Emails sent through django-tasks, so a slow mail server never slows a request.

Emails name the group and the funder and link back to the Hub; they carry no other group data. Each goes
only to those who keep email for its kind of notice on (`learning.notices.wants_email`; on unless they chose).
"""

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django_tasks import task

from ..mail import by_language, render_email
from ..models import Membership, Role
from ..notices import wants_email
from . import notices
from .conf import site_url
from .models import ReadinessReview, ReviewReply, ShareGrant, ShareRequest


def _send(*, template, context, recipients):
    """One email for each language among the recipients (people), written in that language; returns how many
    emails were sent."""
    context = {**context, "site_url": site_url()}
    sent = 0
    for language, people in by_language({person.pk: person for person in recipients if person.email}.values()):
        subject, body = render_email(f"readiness/emails/{template}", context, language=language)
        sent += send_mail(subject, body, None, sorted(person.email for person in people))
    return sent


def _wanting(kind, people):
    """Those of `people` who keep email for this kind on (the default)."""
    people = list(people)
    wanted = wants_email(kind, [person.pk for person in people])
    return [person for person in people if person.pk in wanted]


def _coordinator_emails(group, kind):
    coordinators = Membership.objects.filter(group=group, role=Role.COORDINATOR, left__isnull=True)
    return _wanting(kind, [membership.user for membership in coordinators.select_related("user")])


def _reviewer_emails(funder, kind):
    return _wanting(kind, get_user_model().objects.filter(funder_organisations=funder, is_active=True))


@task()
def notify_share_granted(grant_id):
    grant = ShareGrant.objects.select_related("group", "funder").filter(pk=grant_id).first()
    if grant is None or not grant.is_live():
        return 0
    return _send(
        template="share_granted",
        context={
            "group_name": grant.group.name,
            "funder_name": grant.funder.name,
            "path": reverse("readiness:funder_group", kwargs={"slug": grant.group.slug}),
        },
        recipients=_reviewer_emails(grant.funder, notices.SHARE_GRANTED),
    )


@task()
def notify_share_requested(request_id):
    share_request = ShareRequest.objects.select_related("group", "funder").filter(pk=request_id).first()
    if share_request is None:
        return 0
    return _send(
        template="share_requested",
        context={
            "group_name": share_request.group.name,
            "funder_name": share_request.funder.name,
            "path": reverse("readiness:sharing", kwargs={"slug": share_request.group.slug}),
        },
        recipients=_coordinator_emails(share_request.group, notices.SHARE_REQUESTED),
    )


@task()
def notify_review_posted(review_id):
    review = ReadinessReview.objects.select_related("group", "funder").filter(pk=review_id).first()
    if review is None:
        return 0
    return _send(
        template="review_posted",
        context={
            "group_name": review.group.name,
            "funder_name": review.funder.name,
            "path": reverse("readiness:group_review", kwargs={"slug": review.group.slug, "pk": review.pk}),
        },
        recipients=_coordinator_emails(review.group, notices.REVIEW_POSTED),
    )


@task()
def notify_review_reply(reply_id):
    reply = ReviewReply.objects.select_related("review__group", "review__funder").filter(pk=reply_id).first()
    if reply is None:
        return 0
    review = reply.review
    return _send(
        template="review_reply",
        context={
            "group_name": review.group.name,
            "funder_name": review.funder.name,
            "path": reverse("readiness:funder_group", kwargs={"slug": review.group.slug}),
        },
        recipients=_reviewer_emails(review.funder, notices.REVIEW_REPLY),
    )
