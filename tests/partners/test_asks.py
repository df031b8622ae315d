"""A group records asks, the stages of a participation request and commitments; due dates come from the clock."""

from datetime import date

import pytest
from django.urls import reverse

from learning.partners.models import Ask, CommitmentStatus, ProgressNote, StageRecord

pytestmark = pytest.mark.django_db


def test_the_group_sees_its_asks_with_the_decision_due_date(as_role, world):
    response = as_role("member").get(reverse("partners:group", args=[world.group.slug]))
    assert response.status_code == 200
    assert "Repairs in our flats" in response.text
    assert "A clinic nearer the scheme" in response.text
    page = as_role("member").get(reverse("partners:ask", args=[world.group.slug, world.ask.pk]))
    # Validated Tuesday 20 January 2026: 30 working days later is Tuesday 3 March 2026.
    assert "due by 3 March 2026" in page.text


def test_a_coordinator_records_a_participation_request_and_a_member_cannot(as_role, world):
    url = reverse("partners:new_ask", args=[world.group.slug])
    data = {
        "body": world.council.pk,
        "title": "Street lighting",
        "issue": "The lane is dark.",
        "outcome": "People feel safe walking home.",
        "kind": "participation",
        "sent_on": "2026-02-02",
        "sent_how": "online_form",
        "decision_working_days": "45",
    }
    assert as_role("member").post(url, data).status_code == 403
    response = as_role("coordinator").post(url, data)
    ask = Ask.objects.get(title="Street lighting")
    assert response.status_code == 302
    assert ask.decision_working_days == 45
    assert ask.created_by == world.coordinator


def test_a_form_with_a_mistake_keeps_what_was_typed(as_role, world):
    url = reverse("partners:new_ask", args=[world.group.slug])
    response = as_role("coordinator").post(
        url, {"body": world.council.pk, "title": "Bins", "issue": "Bins overflow every week.", "outcome": ""}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Bins overflow every week." in response.text
    assert not Ask.objects.filter(title="Bins").exists()


def test_the_officer_records_the_decision_and_the_process_clock_starts(as_role, world, settings):
    url = reverse("partners:record_stage", args=[world.group.slug, world.ask.pk])
    response = as_role("officer").post(url, {"stage": "decided", "happened_on": "2026-02-20", "decision": "agreed"})
    assert response.status_code == 302
    record = StageRecord.objects.get(ask=world.ask, stage="decided")
    assert record.recorded_by == world.officer and record.recorded_by_officer
    page = as_role("member").get(reverse("partners:ask", args=[world.group.slug, world.ask.pk]))
    assert "Recorded by the partner officer" in page.text
    # 90 days after Friday 20 February 2026.
    assert "due by 21 May 2026" in page.text


def test_a_refusal_needs_reasons_and_the_form_keeps_the_date(as_role, world):
    url = reverse("partners:record_stage", args=[world.group.slug, world.ask.pk])
    response = as_role("coordinator").post(
        url, {"stage": "decided", "happened_on": "2026-02-20", "decision": "refused"}
    )
    assert response.status_code == 400
    assert "Give the reasons" in response.text
    assert 'value="2026-02-20"' in response.text
    assert not StageRecord.objects.filter(ask=world.ask, stage="decided").exists()


def test_a_stage_out_of_order_or_twice_changes_nothing(as_role, world):
    url = reverse("partners:record_stage", args=[world.group.slug, world.ask.pk])
    as_role("coordinator").post(url, {"stage": "validated", "happened_on": "2026-01-21"})
    assert StageRecord.objects.get(ask=world.ask, stage="validated").happened_on == date(2026, 1, 20)
    as_role("coordinator").post(url, {"stage": "process_started", "happened_on": "2026-02-21"})
    assert not StageRecord.objects.filter(ask=world.ask, stage="process_started").exists()


def test_an_overdue_decision_and_commitment_are_on_the_groups_home_and_the_facilitators(as_role, world):
    # Today (the test runs after 3 March 2026) the decision and the 1 March commitment are overdue.
    for role in ("coordinator", "member", "facilitator"):
        page = as_role(role).get(reverse("learning:group_dashboard", args=[world.group.slug]))
        assert "Decision notice received is overdue for “Repairs in our flats”" in page.text, role
        assert "Glasgow City Council&#x27;s commitment is overdue: Survey every flat for damp" in page.text, role
    home = as_role("facilitator").get(reverse("learning:group_list"))
    assert "Decision notice received is overdue" in home.text
    elsewhere = as_role("other_facilitator").get(reverse("learning:group_list"))
    assert "Repairs in our flats" not in elsewhere.text


def test_both_sides_notes_are_kept_and_the_group_marks_the_commitment_kept(as_role, world):
    note_url = reverse("partners:add_note", args=[world.group.slug, world.commitment.pk])
    as_role("officer").post(note_url, {f"note-{world.commitment.pk}-text": "Surveys booked for February."})
    as_role("member").post(note_url, {f"note-{world.commitment.pk}-text": "Half the flats were visited."})
    sides = list(ProgressNote.objects.filter(commitment=world.commitment).values_list("side", "text"))
    assert sides == [("body", "Surveys booked for February."), ("group", "Half the flats were visited.")]
    mark_url = reverse("partners:mark_commitment", args=[world.group.slug, world.commitment.pk])
    prefix = f"mark-{world.commitment.pk}"
    assert (
        as_role("officer").post(mark_url, {f"{prefix}-status": "kept", f"{prefix}-reason": "Done."}).status_code == 403
    )
    as_role("coordinator").post(mark_url, {f"{prefix}-status": "partly_kept", f"{prefix}-reason": "Half visited."})
    world.commitment.refresh_from_db()
    assert world.commitment.status == CommitmentStatus.PARTLY_KEPT
    page = as_role("member").get(reverse("partners:ask", args=[world.group.slug, world.ask.pk]))
    assert "Partly kept" in page.text and "Half visited." in page.text
    assert "Surveys booked for February." in page.text and "The public body" in page.text


def test_both_sides_answer_the_four_cos_and_the_page_says_where_they_differ(as_role, world):
    url = reverse("partners:four_cos", args=[world.group.slug, world.ask.pk])
    group_view = {"commissioned": "community", "designed": "both", "delivered": "service", "assessed": "community"}
    body_view = {"commissioned": "service", "designed": "both", "delivered": "service", "assessed": "both"}
    assert as_role("coordinator").post(url, group_view).status_code == 302
    assert as_role("officer").post(url, body_view).status_code == 302
    page = as_role("member").get(reverse("partners:ask", args=[world.group.slug, world.ask.pk])).text
    assert page.count("the answers differ") == 2
    assert "The group and the public body see this differently." in page
    assert as_role("member").post(url, group_view).status_code == 403


def test_a_coordinator_publishes_a_summary_and_withdraws_it(as_role, world, client):
    url = reverse("partners:publish", args=[world.group.slug, world.ask.pk])
    public = reverse("partners:published", args=[world.group.slug])
    client.logout()
    assert client.get(public).status_code == 404
    as_role("coordinator").post(url, {"comment": "Slow, but the surveys have started."})
    client.logout()
    page = client.get(public)
    assert page.status_code == 200
    assert "Repairs in our flats" in page.text and "Slow, but the surveys have started." in page.text
    assert "Survey every flat for damp" in page.text
    # The issue in the group's words and the other, unpublished ask stay private.
    assert "Damp and mould reported" not in page.text and "A clinic nearer the scheme" not in page.text
    as_role("coordinator").post(url, {"action": "withdraw"})
    client.logout()
    assert client.get(public).status_code == 404


def test_the_letter_is_drafted_from_the_group_and_the_ask_and_printed_as_edited(as_role, world):
    url = reverse("partners:letter", args=[world.group.slug, world.ask.pk])
    draft = as_role("member").get(url).text
    assert "Participation request under Part 3 of the Community Empowerment (Scotland) Act 2015" in draft
    assert "Homes repaired within the council&#x27;s own target times." in draft
    printed = as_role("member").post(url, {"text": "Dear Glasgow City Council,\n\nWe ask to take part."}).text
    assert "We ask to take part." in printed


def test_the_invited_officer_s_home_lists_what_is_overdue_and_others_see_none_of_it(as_role, world):
    page = as_role("officer").get(reverse("learning:group_list")).text
    assert "Your work as a partner officer" in page
    assert "Decision notice received is overdue for “Repairs in our flats”" in page
    for role in ("officer_revoked", "officer_elsewhere", "funder_live"):
        assert "Repairs in our flats" not in as_role(role).get(reverse("learning:group_list")).text, role
