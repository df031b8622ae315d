"""A failing mail server never fails the request that sends an email: it is retried, then logged."""

import logging

import pytest
from django.core import mail
from django.core.mail import EmailMessage, get_connection

from .conftest import RETRYING


def send_one():
    return EmailMessage("Subject", "Body", "hub@example.org", ["someone@example.org"]).send()


def test_a_mail_server_that_recovers_gets_the_email_on_a_retry(mail_server, caplog):
    server = mail_server(2)
    with caplog.at_level(logging.WARNING, logger="hub.mail"):
        assert send_one() == 1
    assert server.attempts == 3
    assert len(mail.outbox) == 1
    assert [r.levelname for r in caplog.records] == ["WARNING", "WARNING"]
    assert "attempt 1 of 4" in caplog.records[0].getMessage()


def test_a_mail_server_that_stays_down_is_logged_and_never_raises(mail_server, caplog):
    server = mail_server(99)
    with caplog.at_level(logging.WARNING, logger="hub.mail"):
        assert send_one() == 0
    assert server.attempts == 4
    assert mail.outbox == []
    assert caplog.records[-1].levelname == "ERROR"
    assert "giving up" in caplog.records[-1].getMessage()
    assert "someone@example.org" not in caplog.text  # no addresses in the logs


def test_no_messages_means_no_connection(mail_server):
    server = mail_server(99)
    assert get_connection(RETRYING).send_messages([]) == 0
    assert server.attempts == 0


def test_the_site_sends_every_email_through_the_retrying_backend():
    import config.settings.base as base  # pytest-django swaps in the test outbox; the site's own setting

    assert base.EMAIL_BACKEND == RETRYING


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
