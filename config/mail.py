"""Email leaves the request at once: the site's backend queues each message, a background task delivers it.

`EMAIL_BACKEND` points at `QueuedEmailBackend`, which turns every message into plain data and
enqueues `deliver_email`; the request that sent it carries on straight away. The worker hands the
message to `EMAIL_DELIVERY_BACKEND` (SMTP in production). A mail server that is down or refuses the
message is tried again `EMAIL_RETRIES` more times, each retry queued `EMAIL_RETRY_DELAY` seconds
later, doubling each time; then the failure is logged (never the addresses or the text) and the
task is marked failed, so `manage.py tasks_failed` lists it and can send it again. Nothing here
sleeps: a worker is never held by a pause, only by `EMAIL_TIMEOUT` on a hanging server.

With a backend that cannot wait (the immediate backend of the tests and of DEBUG), the retries
follow one another at once.
"""

import base64
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger("hub.mail")


class EmailNotDelivered(Exception):  # noqa: N818 the name says what the operator sees in `tasks_failed`
    """The last attempt failed; carries the error's class name only, never addresses or text."""


def message_to_data(message):
    """The message as JSON-safe data, so it can wait in the task queue."""
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        if isinstance(content, bytes):
            attachments.append(
                {"filename": filename, "base64": base64.b64encode(content).decode(), "mimetype": mimetype}
            )
        else:
            attachments.append({"filename": filename, "text": content, "mimetype": mimetype})
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(name): str(value) for name, value in message.extra_headers.items()},
        "content_subtype": message.content_subtype,
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def message_from_data(data):
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data["content_subtype"]
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for attachment in data["attachments"]:
        content = base64.b64decode(attachment["base64"]) if "base64" in attachment else attachment["text"]
        message.attach(attachment["filename"], content, attachment["mimetype"])
    return message


class QueuedEmailBackend(BaseEmailBackend):
    """Queue each message for `deliver_email`; returns how many were queued."""

    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages or []:
            try:
                deliver_email.enqueue(message=message_to_data(message))
            except Exception:
                if not self.fail_silently:
                    raise
            else:
                queued += 1
        return queued


def _retry_delay(attempt):
    return timedelta(seconds=getattr(settings, "EMAIL_RETRY_DELAY", 1.0) * 2 ** (attempt - 1))


@task()
def deliver_email(*, message, attempt=1):
    """Hand one queued message to the real mail backend; on failure queue the next attempt or give up."""
    attempts = 1 + max(0, getattr(settings, "EMAIL_RETRIES", 3))
    try:
        return get_connection(settings.EMAIL_DELIVERY_BACKEND).send_messages([message_from_data(message)]) or 0
    except Exception as error:  # noqa: BLE001 any mail failure is retried or reported, never raised as-is
        reason = type(error).__name__  # an SMTP error's text can hold the addresses: only its class is logged
    if attempt >= attempts:
        logger.error("Could not send an email after %d attempts; giving up: %s", attempt, reason)
        # Marks the task failed for `tasks_failed`; `from None` keeps the original error (and any
        # address in it) out of the stored traceback.
        raise EmailNotDelivered(f"gave up after {attempt} attempts: {reason}") from None
    next_try, pause = deliver_email, _retry_delay(attempt)
    if next_try.get_backend().supports_defer:
        next_try = next_try.using(run_after=timezone.now() + pause)
    else:
        pause = timedelta(0)
    logger.warning(
        "Sending an email failed (attempt %d of %d); trying again in %gs: %s",
        attempt,
        attempts,
        pause.total_seconds(),
        reason,
    )
    next_try.enqueue(message=message, attempt=attempt + 1)
    return 0
