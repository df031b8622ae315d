"""The task queue in production: the database backend whenever DEBUG is off, and failed tasks an operator can retry.

`manage.py tasks_failed` lists what failed (never the arguments, which hold email text and
addresses), and `--retry ID` / `--retry-all` queue it again: after a night with the mail server
down, the morning's `--retry-all` and the worker deliver every email once.
"""

import io
import os
import smtplib
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from .worker import DATABASE_TASKS, queued, run_ready_tasks

ROOT = Path(__file__).resolve().parents[2]
DELIVER = "config.mail.deliver_email"


class MailServerDown(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({"ann@example.org": (550, b"ann@example.org: no such mailbox")})


def backend_chosen(**env):
    """The default task backend the site's settings pick in a fresh process with this environment."""
    environment = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "TASKS_BACKEND"}}
    environment.update(env)
    result = subprocess.run(  # noqa: S603 our own interpreter and a fixed script
        [sys.executable, "-c", "import config.settings.base as s; print(s.TASKS['default']['BACKEND'])"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.strip()


def test_the_database_backend_is_the_default_whenever_debug_is_off():
    assert backend_chosen(DEBUG="0") == "django_tasks_db.DatabaseBackend"
    assert backend_chosen() == "django_tasks_db.DatabaseBackend"  # DEBUG unset is off
    assert backend_chosen(DEBUG="1") == "django_tasks.backends.immediate.ImmediateBackend"
    assert (
        backend_chosen(DEBUG="0", TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend")
        == "django_tasks.backends.dummy.DummyBackend"
    )


@pytest.mark.django_db
def test_migrate_creates_the_task_table():
    assert DBTaskResult._meta.db_table in connection.introspection.table_names()


@pytest.fixture
def a_night_without_mail(db, settings):
    """Three emails that failed for good (no retries) while the mail server was down, and one task that ran."""
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "config.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "tests.production.test_tasks.MailServerDown"
    settings.EMAIL_RETRIES = 0
    for n in range(3):
        send_mail(f"Message {n}", f"Body {n} for ann@example.org", None, ["ann@example.org"])
    run_ready_tasks()
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_mail("Delivered", "Fine.", None, ["bo@example.org"])
    run_ready_tasks()
    mail.outbox.clear()
    return sorted(str(pk) for pk in DBTaskResult.objects.failed().values_list("pk", flat=True))


def tasks_failed(*args):
    out = io.StringIO()
    call_command("tasks_failed", *args, stdout=out)
    return out.getvalue()


def test_the_listing_shows_each_failed_task_and_never_its_arguments(a_night_without_mail):
    listing = tasks_failed()

    assert len(a_night_without_mail) == 3
    for task_id in a_night_without_mail:
        assert task_id in listing
    assert listing.count(DELIVER) == 3
    assert listing.count("EmailNotDelivered") == 3
    assert "3 failed task(s)." in listing
    assert "ann@example.org" not in listing
    assert "Body 0" not in listing
    assert DBTaskResult.objects.successful().filter(task_path=DELIVER).count() == 1  # not listed: it worked


def test_retrying_one_failed_task_queues_it_again_and_the_worker_delivers_it(a_night_without_mail):
    first = a_night_without_mail[0]
    subject = DBTaskResult.objects.get(pk=first).args_kwargs["kwargs"]["message"]["subject"]

    output = tasks_failed("--retry", first)

    assert "1 task(s) queued again." in output
    assert first not in tasks_failed()  # the failed record makes way for the new task
    [again] = queued(DELIVER)
    assert again.args_kwargs["kwargs"]["message"]["subject"] == subject
    run_ready_tasks()
    assert [message.subject for message in mail.outbox] == [subject]
    assert "2 failed task(s)." in tasks_failed()


def test_retrying_all_sends_each_email_once_even_if_asked_twice(a_night_without_mail):
    tasks_failed("--retry-all")
    assert "0 task(s) queued again." in tasks_failed("--retry-all")

    run_ready_tasks()

    assert sorted(message.subject for message in mail.outbox) == ["Message 0", "Message 1", "Message 2"]
    assert "0 failed task(s)." in tasks_failed()


def test_show_prints_the_stored_error_without_the_address(a_night_without_mail):
    shown = tasks_failed("--show", a_night_without_mail[0])
    assert "EmailNotDelivered: gave up after 1 attempts: SMTPRecipientsRefused" in shown
    assert "ann@example.org" not in shown


@pytest.mark.parametrize("task_id", ["00000000-0000-0000-0000-000000000000", "not-an-id"])
def test_an_unknown_task_is_refused_plainly(a_night_without_mail, task_id):
    with pytest.raises(CommandError, match="No failed task with id"):
        tasks_failed("--retry", task_id)
    assert len(queued(DELIVER)) == 0
