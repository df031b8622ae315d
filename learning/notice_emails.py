"""The Hub's plain email for a notice, sent as a background task to the people who chose email for its kind,
each in the recipient's language (learning.mail).

Kinds whose app sends its own email (readiness's shares, requests, reviews and replies) are not sent here.
"""

import uuid

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from . import notices
from .conf import site_url
from .mail import language_of, render_email
from .models import Notice


@task()
def email_notices(*, kind, event, recipient_ids):
    """Email the notice of this event to each of these people who chose email for its kind; returns how many.

    Only its sentence and a link that opens it: the page it leads to asks the permission rules as ever.
    """
    wanted = notices.wants_email(kind, recipient_ids)
    if not wanted:
        return 0
    people = {person.pk: person for person in get_user_model().objects.filter(pk__in=wanted, is_active=True)}
    # Claim the notices no other task has claimed, in one UPDATE, and email only those: a second task for the
    # same event (the same event reported twice at once) finds them claimed and sends nothing.
    claim = uuid.uuid4()
    Notice.objects.filter(kind=kind, event=event, recipient_id__in=people, email_claim__isnull=True).update(
        email_claim=claim
    )
    sent = 0
    for notice in Notice.objects.filter(email_claim=claim):
        person = people[notice.recipient_id]
        if not person.email:
            continue
        language = language_of(person)
        with translation.override(language):
            text = str(notices.describe(notice))
        url = site_url() + reverse("learning:notice_open", args=[notice.pk])
        subject, body = render_email("learning/emails/notice", {"text": text, "url": url}, language=language)
        sent += send_mail(subject[:150], body, None, [person.email])
    return sent
