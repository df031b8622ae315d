"""Email leaves the request at once: it waits in the task queue, and the worker delivers and retries it.

With the mail server down, a password reset still answers at once (nobody tries the mail server
inside the request), the email waits in the queue, and the worker tries it again later and later
and finally logs the failure, never the address or the text, and leaves a failed task an operator
can list. With the immediate backend (the test suite's, and DEBUG's) the email still arrives.
"""

import logging
import smtplib
import time

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .worker import DATABASE_TASKS, queued, run_ready_tasks

pytestmark = pytest.mark.django_db

DELIVER = "config.mail.deliver_email"
ADDRESS = "sam@example.org"


class MailServerDown(BaseEmailBackend):
    """Refuses every message, with an error whose text names the recipient (as SMTP's does)."""

    attempts = 0

    def send_messages(self, email_messages):
        type(self).attempts += 1
        raise smtplib.SMTPRecipientsRefused({ADDRESS: (451, f"{ADDRESS}: try again later".encode())})


class MailServerBackAfterOneFailure(LocmemBackend):
    attempts = 0

    def send_messages(self, email_messages):
        type(self).attempts += 1
        if type(self).attempts == 1:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(email_messages)


@pytest.fixture
def queued_mail(settings):
    """The site's mail set-up with a database queue (as in production) and no worker running yet."""
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "config.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "tests.production.test_mail_queue.MailServerDown"
    settings.EMAIL_RETRIES = 2
    settings.EMAIL_RETRY_DELAY = 30
    MailServerDown.attempts = 0
    MailServerBackAfterOneFailure.attempts = 0
    return settings


def let_the_retry_come_due():
    """What waiting out the pause would do: the queued retry becomes due now."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def seconds_until_due(task_result):
    return (task_result.run_after - timezone.now()).total_seconds()


def test_a_password_reset_answers_at_once_with_the_mail_server_down_and_the_email_waits_in_the_queue(
    client, make_user, queued_mail, monkeypatch
):
    make_user(email=ADDRESS)
    client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})  # warm up the view

    def no_sleeping_in_a_request(seconds):
        raise AssertionError(f"the request slept {seconds}s")

    monkeypatch.setattr(time, "sleep", no_sleeping_in_a_request)
    started = time.monotonic()
    response = client.post(reverse("accounts:password_reset"), {"email": ADDRESS})
    took = time.monotonic() - started

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert took < 1.0, f"the request took {took:.2f}s"
    assert MailServerDown.attempts == 0  # nobody tried the mail server inside the request
    [waiting] = queued(DELIVER)
    message = waiting.args_kwargs["kwargs"]["message"]
    assert message["to"] == [ADDRESS]
    assert "/accounts/password/reset/" in message["body"]
    assert mail.outbox == []


def test_the_worker_retries_later_and_later_then_logs_the_failure_without_the_address(queued_mail, caplog):
    send_mail("Your link", f"Hello {ADDRESS}, here is your link.", None, [ADDRESS])
    assert MailServerDown.attempts == 0

    with caplog.at_level(logging.INFO):
        assert run_ready_tasks() == 1
        assert MailServerDown.attempts == 1
        [second] = queued(DELIVER)
        assert second.args_kwargs["kwargs"]["attempt"] == 2
        assert 25 < seconds_until_due(second) <= 30  # EMAIL_RETRY_DELAY
        assert run_ready_tasks() == 0  # not due yet: the worker waits, nobody sleeps

        let_the_retry_come_due()
        assert run_ready_tasks() == 1
        assert MailServerDown.attempts == 2
        [third] = queued(DELIVER)
        assert third.args_kwargs["kwargs"]["attempt"] == 3
        assert 55 < seconds_until_due(third) <= 60  # the pause doubles

        let_the_retry_come_due()
        assert run_ready_tasks() == 1

    assert MailServerDown.attempts == 3  # the first try and EMAIL_RETRIES = 2 retries, then no more
    assert queued(DELIVER) == []
    assert mail.outbox == []
    [gave_up] = [r for r in caplog.records if r.name == "hub.mail" and r.levelname == "ERROR"]
    assert "giving up" in gave_up.getMessage()
    assert "SMTPRecipientsRefused" in gave_up.getMessage()
    warnings = [r.getMessage() for r in caplog.records if r.name == "hub.mail" and r.levelname == "WARNING"]
    assert len(warnings) == 2
    assert "attempt 1 of 3" in warnings[0]
    assert ADDRESS not in caplog.text  # neither the address nor the text reaches the logs
    assert "here is your link" not in caplog.text
    # The last attempt is a failed task an operator can list (manage.py tasks_failed) and retry; its
    # stored error names the error's class, never the address.
    failed = DBTaskResult.objects.failed().get()
    assert failed.task_path == DELIVER
    assert failed.exception_class_path == "config.mail.EmailNotDelivered"
    assert ADDRESS not in failed.traceback


def test_a_mail_server_that_comes_back_gets_the_email_from_the_worker(queued_mail):
    queued_mail.EMAIL_DELIVERY_BACKEND = "tests.production.test_mail_queue.MailServerBackAfterOneFailure"
    send_mail("Welcome", "Welcome to the Hub.", None, [ADDRESS])

    run_ready_tasks()
    assert mail.outbox == []
    let_the_retry_come_due()
    run_ready_tasks()

    assert MailServerBackAfterOneFailure.attempts == 2
    [delivered] = mail.outbox
    assert (delivered.to, delivered.subject, delivered.body) == ([ADDRESS], "Welcome", "Welcome to the Hub.")
    assert not DBTaskResult.objects.failed().exists()


def test_with_the_immediate_backend_the_email_arrives_whole(settings):
    """The test suite's and DEBUG's set-up: queued and delivered in one go, every part kept."""
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks.backends.immediate.ImmediateBackend"
    settings.EMAIL_BACKEND = "config.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    message = EmailMultiAlternatives(
        "Your download", "It is ready.", "hub@example.org", [ADDRESS], cc=["cc@example.org"], reply_to=["r@x.org"]
    )
    message.attach_alternative("<p>It is ready.</p>", "text/html")
    message.attach("notes.txt", "Some notes", "text/plain")
    message.attach("data.bin", b"\x00\x01binary", "application/octet-stream")
    message.extra_headers["X-Hub"] = "download"

    assert message.send() == 1

    [arrived] = mail.outbox
    assert (arrived.subject, arrived.body, arrived.from_email) == ("Your download", "It is ready.", "hub@example.org")
    assert (arrived.to, arrived.cc, arrived.reply_to) == ([ADDRESS], ["cc@example.org"], ["r@x.org"])
    assert arrived.alternatives[0][:2] == ("<p>It is ready.</p>", "text/html")
    assert [(a[0], a[1], a[2]) for a in arrived.attachments] == [
        ("notes.txt", "Some notes", "text/plain"),
        ("data.bin", b"\x00\x01binary", "application/octet-stream"),
    ]
    assert arrived.extra_headers["X-Hub"] == "download"


def test_with_the_immediate_backend_a_password_reset_email_arrives(client, make_user, settings):
    settings.EMAIL_BACKEND = "config.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_user(email=ADDRESS)

    client.post(reverse("accounts:password_reset"), {"email": ADDRESS})

    [arrived] = mail.outbox
    assert arrived.to == [ADDRESS]
    assert "/accounts/password/reset/" in arrived.body


def test_the_site_queues_every_email():
    import config.settings.base as base  # pytest-django swaps in the test outbox; the site's own setting

    assert base.EMAIL_BACKEND == "config.mail.QueuedEmailBackend"
