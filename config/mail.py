"""Email that never breaks the request or task that sends it: retried with a growing pause, then logged.

`EMAIL_BACKEND` points here; the backend that really delivers is `EMAIL_DELIVERY_BACKEND`
(SMTP in production). A mail server that is down or refuses a message is tried again
`EMAIL_RETRIES` more times; if it still fails the failure is logged (never the addresses or the
text) and the caller carries on as if the email had gone. Set a short `EMAIL_TIMEOUT` so a
hanging server cannot hold a worker for long.
"""

import logging
import time

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger("hub.mail")


class RetryingEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently)
        self.connection_kwargs = kwargs

    def send_messages(self, email_messages):
        messages = list(email_messages or [])
        if not messages:
            return 0
        attempts = 1 + max(0, getattr(settings, "EMAIL_RETRIES", 3))
        pause = getattr(settings, "EMAIL_RETRY_DELAY", 1.0)
        for attempt in range(1, attempts + 1):
            try:
                delivery = get_connection(settings.EMAIL_DELIVERY_BACKEND, **self.connection_kwargs)
                return delivery.send_messages(messages) or 0
            except Exception as error:  # noqa: BLE001 any mail failure must not reach the person's request
                if attempt == attempts:
                    logger.error(
                        "Could not send %d email(s) after %d attempts; giving up: %r",
                        len(messages),
                        attempts,
                        error,
                    )
                    return 0
                logger.warning(
                    "Sending %d email(s) failed (attempt %d of %d); trying again in %.1fs: %r",
                    len(messages),
                    attempt,
                    attempts,
                    pause,
                    error,
                )
                time.sleep(pause)
                pause *= 2
        return 0
