"""Fixtures for the resilience tests: a mail server that fails as often as a test says."""

import smtplib

import pytest
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

QUEUED = "config.mail.QueuedEmailBackend"


class FlakyMailServer(LocmemBackend):
    """Refuses the first `failures` connections, then delivers to Django's test outbox."""

    failures = 0
    attempts = 0

    def send_messages(self, messages):
        type(self).attempts += 1
        if type(self).attempts <= type(self).failures:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def mail_server(settings):
    """Every email is queued and delivered (at once: the suite's immediate task backend) to a mail
    server that fails as told; tests/production/test_mail_queue.py covers the worker's later retries."""
    settings.EMAIL_BACKEND = QUEUED
    settings.EMAIL_DELIVERY_BACKEND = "tests.resilience.conftest.FlakyMailServer"
    settings.EMAIL_RETRIES = 3
    settings.EMAIL_RETRY_DELAY = 0
    FlakyMailServer.attempts = 0

    def failing(times):
        FlakyMailServer.failures = times
        return FlakyMailServer

    return failing
