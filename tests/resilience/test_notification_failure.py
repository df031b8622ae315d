"""Sharing with a funder emails its reviewers through django-tasks: a failing mail server never fails the share."""

import logging

import pytest
from django.core import mail

from learning.models import Membership, Role
from learning.readiness.models import FunderOrganisation, ShareGrant


@pytest.fixture
def coordinator_and_funder(demo):
    membership = (
        Membership.objects.active()
        .filter(user__email="coordinator@example.org", role=Role.COORDINATOR)
        .select_related("user", "group")
        .first()
    )
    funder = FunderOrganisation.objects.filter(reviewers__email="funder2@example.org").first()
    return membership.user, membership.group, funder


def share(client, group, funder, django_capture_on_commit_callbacks):
    # The request's transaction commits, so the email task runs as it would on the server.
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            f"/groups/{group.slug}/sharing/",
            {"funder": funder.pk, "share_progress": "on", "share_self_assessment": "on"},
        )


@pytest.mark.django_db
def test_sharing_succeeds_and_the_mail_failure_is_logged(
    client,
    coordinator_and_funder,
    mail_server,
    caplog,
    django_capture_on_commit_callbacks,
):
    coordinator, group, funder = coordinator_and_funder
    server = mail_server(99)
    client.force_login(coordinator)
    with caplog.at_level(logging.WARNING, logger="hub.mail"):
        response = share(client, group, funder, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert ShareGrant.objects.live().filter(group=group, funder=funder).exists()
    assert server.attempts == 4  # the first try and three retries
    assert "giving up" in caplog.text
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_funder_is_told_once_the_mail_server_answers_again(
    client,
    coordinator_and_funder,
    mail_server,
    django_capture_on_commit_callbacks,
):
    coordinator, group, funder = coordinator_and_funder
    mail_server(2)
    client.force_login(coordinator)
    response = share(client, group, funder, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["funder2@example.org"]
    assert group.name in mail.outbox[0].body or group.name in mail.outbox[0].subject
