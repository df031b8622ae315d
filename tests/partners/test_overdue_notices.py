"""Overdue notices (issue 18, items 2 and 3): a participation request stage past its statutory due date and a
commitment past its day and not kept reach the group's coordinators and facilitators and the invited officer of
the body asked, once each (the daily job run twice tells nobody again), by email in each person's language
unless they chose otherwise, and only while they still hold that place."""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from learning import notices as core_notices
from learning.models import Notice
from learning.partners import notices
from learning.partners.services import asks, officers
from learning.services.notices import set_email_choices

pytestmark = pytest.mark.django_db


def run_daily_job(capture):
    out = StringIO()
    with capture(execute=True):
        call_command("notify_partners_overdue", stdout=out)
    return out.getvalue()


def told(kind):
    return set(Notice.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def test_an_overdue_decision_and_commitment_reach_coordinator_facilitator_and_officer_once(
    world, django_capture_on_commit_callbacks
):
    w = world
    mail.outbox.clear()
    run_daily_job(django_capture_on_commit_callbacks)
    group_side = {w.coordinator.pk, w.facilitator.pk}
    # The council's decision was due 30 working days after 20 January 2026; the survey by 1 March 2026.
    assert told(notices.STAGE_OVERDUE) == group_side | {w.officer.pk}
    assert told(notices.COMMITMENT_OVERDUE) == group_side | {w.officer.pk}
    stage = Notice.objects.get(kind=notices.STAGE_OVERDUE, recipient=w.officer)
    assert core_notices.describe(stage) == (
        "“Repairs in our flats”, the participation request of Oak Street Neighbours to Glasgow City Council, "
        "is past a statutory deadline: the next stage was due by 3 March 2026."
    )
    commitment = Notice.objects.get(kind=notices.COMMITMENT_OVERDUE, recipient=w.coordinator)
    assert "Survey every flat for damp" in core_notices.describe(commitment)
    assert commitment.url.endswith(f"/partners/asks/{w.ask.pk}/#commitment-{w.commitment.pk}")
    emailed = sorted(address for message in mail.outbox for address in message.to)
    assert emailed == sorted([w.coordinator.email, w.facilitator.email, w.officer.email] * 2)

    again = run_daily_job(django_capture_on_commit_callbacks)
    assert "Asked for 0 notices" in again
    assert Notice.objects.filter(kind__in=[notices.STAGE_OVERDUE, notices.COMMITMENT_OVERDUE]).count() == 6
    assert len(mail.outbox) == 6


def test_nobody_outside_the_group_or_shut_out_hears_of_it(world, django_capture_on_commit_callbacks):
    w = world
    run_daily_job(django_capture_on_commit_callbacks)
    everyone = told(notices.STAGE_OVERDUE) | told(notices.COMMITMENT_OVERDUE)
    for role in ("member", "other", "officer_revoked", "officer_elsewhere", "funder_live", "staff"):
        assert w.people[role].pk not in everyone, role


def test_an_officer_shown_asks_only_hears_of_the_stage_not_the_commitment(world, django_capture_on_commit_callbacks):
    w = world
    officers.share_with_body(group=w.group, body=w.council, by=w.coordinator, share_asks=True, share_commitments=False)
    run_daily_job(django_capture_on_commit_callbacks)
    assert w.officer.pk in told(notices.STAGE_OVERDUE)
    assert w.officer.pk not in told(notices.COMMITMENT_OVERDUE)


def test_once_the_group_stops_sharing_the_officer_no_longer_sees_the_notice(world, django_capture_on_commit_callbacks):
    w = world
    run_daily_job(django_capture_on_commit_callbacks)
    assert core_notices.visible_to(w.officer).filter(kind=notices.STAGE_OVERDUE).exists()
    officers.stop_sharing(grant=w.group.partner_grants.get(body=w.council, revoked_at__isnull=True), by=w.coordinator)
    assert not core_notices.visible_to(w.officer).filter(kind__startswith="partners_").exists()
    assert core_notices.visible_to(w.coordinator).filter(kind=notices.STAGE_OVERDUE).exists()


def test_a_process_not_started_90_days_after_the_decision_is_a_new_notice(world, django_capture_on_commit_callbacks):
    w = world
    asks.record_stage(ask=w.ask, by=w.officer, stage="decided", happened_on=date(2026, 2, 20), decision="agreed")
    run_daily_job(django_capture_on_commit_callbacks)
    [notice] = Notice.objects.filter(kind=notices.STAGE_OVERDUE, recipient=w.coordinator)
    assert notice.event == f"partners-stage:{w.ask.pk}:process_started:2026-05-21"
    assert "was due by 21 May 2026" in core_notices.describe(notice)


def test_a_kept_commitment_is_not_overdue(world, django_capture_on_commit_callbacks):
    w = world
    asks.mark_commitment(commitment=w.commitment, by=w.coordinator, status="kept", reason="All surveyed.")
    run_daily_job(django_capture_on_commit_callbacks)
    assert not told(notices.COMMITMENT_OVERDUE)


def test_each_email_is_in_its_readers_language_and_only_for_those_who_want_it(
    world, django_capture_on_commit_callbacks
):
    w = world
    w.officer.interface_language = "gd"
    w.officer.save(update_fields=["interface_language"])
    set_email_choices(user=w.facilitator, choices={notices.STAGE_OVERDUE: False, notices.COMMITMENT_OVERDUE: False})
    mail.outbox.clear()
    run_daily_job(django_capture_on_commit_callbacks)
    by_address = {}
    for message in mail.outbox:
        by_address.setdefault(message.to[0], []).append(message.body)
    assert w.facilitator.email not in by_address
    assert all(body.startswith("Halò") for body in by_address[w.officer.email])
    assert all(body.startswith("Hello") for body in by_address[w.coordinator.email])
    # The facilitator still has the notices in the Hub.
    assert w.facilitator.pk in told(notices.STAGE_OVERDUE)


def test_the_kinds_are_offered_on_the_account_page(world):
    offered = {kind.name for kind, _email in core_notices.email_choices(world.officer)}
    assert {notices.STAGE_OVERDUE, notices.COMMITMENT_OVERDUE} <= offered
