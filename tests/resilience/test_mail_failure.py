"""A failing mail server never fails the request that sends an email: it is queued, retried, then logged.

The suite's immediate task backend delivers at once, so the retries follow one another here; with
the database backend they wait in the queue (tests/production/test_mail_queue.py).
"""

import logging

import pytest
from django.core import mail
from django.core.mail import EmailMessage, get_connection

from .conftest import QUEUED


def send_one():
    return EmailMessage("Subject", "Body", "hub@example.org", ["someone@example.org"]).send()


def test_a_mail_server_that_recovers_gets_the_email_on_a_retry(mail_server, caplog):
    server = mail_server(2)
    with caplog.at_level(logging.WARNING, logger="hub.mail"):
        assert send_one() == 1  # queued
    assert server.attempts == 3
    assert len(mail.outbox) == 1
    assert [r.levelname for r in caplog.records] == ["WARNING", "WARNING"]
    assert "attempt 1 of 4" in caplog.records[0].getMessage()


def test_a_mail_server_that_stays_down_is_logged_and_never_raises(mail_server, caplog):
    server = mail_server(99)
    with caplog.at_level(logging.WARNING, logger="hub.mail"):
        assert send_one() == 1  # queued: the sender carries on as if it had gone
    assert server.attempts == 4
    assert mail.outbox == []
    [gave_up] = [r for r in caplog.records if r.name == "hub.mail" and r.levelname == "ERROR"]
    assert "giving up" in gave_up.getMessage()
    assert "someone@example.org" not in caplog.text  # no addresses in the logs


def test_no_messages_means_no_connection(mail_server):
    server = mail_server(99)
    assert get_connection(QUEUED).send_messages([]) == 0
    assert server.attempts == 0


def test_the_site_sends_every_email_through_the_queue():
    import config.settings.base as base  # pytest-django swaps in the test outbox; the site's own setting

    assert base.EMAIL_BACKEND == QUEUED


@pytest.mark.django_db
def test_password_reset_still_works_for_the_person_when_the_mail_server_is_down(client, demo, mail_server, caplog):
    mail_server(99)
    with caplog.at_level(logging.WARNING, logger="hub.mail"):
        response = client.post("/accounts/password/reset/", {"email": "editor@example.org"})
    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/password/reset/sent/")
    assert "giving up" in caplog.text


@pytest.mark.django_db
def test_password_reset_email_arrives_after_a_blip(client, demo, mail_server):
    mail_server(1)
    response = client.post("/accounts/password/reset/", {"email": "editor@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["editor@example.org"]
