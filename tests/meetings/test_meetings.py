"""Recording a group's meeting: step changes exactly as if made one at a time, the minutes' corrections and
their history, actions on the dashboard, minutes kept as evidence, and who may do each."""

import uuid
from collections import Counter
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.evidence_types import EvidenceType
from learning.meetings import services
from learning.meetings.models import Meeting, MeetingAction, MinutesCorrection
from learning.models import ActivityEntry, Certificate, CompletionRule, Evidence, PathwayProgress, StepProgress
from learning.services import progress

from .conftest import meeting_world, record_data

pytestmark = pytest.mark.django_db

DUE = timezone.localdate() + timedelta(days=14)


def outcome(group, pathway):
    """Everything a step change leaves behind for a group: its activity, its progress and its certificate."""
    entries = ActivityEntry.objects.filter(group=group).exclude(verb="enrolled")
    summary = PathwayProgress.objects.get(group=group, pathway=pathway)
    return {
        "activity": Counter((entry.verb, entry.step.title if entry.step else None) for entry in entries),
        "on_behalf": sorted(entry.recorded_by_facilitator for entry in entries),
        "progress": sorted(
            (row.step.title, row.status, row.on_behalf) for row in StepProgress.objects.filter(group=group)
        ),
        "summary": (summary.done, summary.total, summary.percent, summary.completed_at is not None),
        "certificates": Certificate.objects.filter(group=group, pathway=pathway).count(),
    }


@pytest.mark.parametrize(
    ("recorder", "rules"),
    [
        ("coordinator", {1: CompletionRule.COORDINATOR}),
        ("facilitator", {1: CompletionRule.FACILITATOR, 2: CompletionRule.COORDINATOR}),
    ],
)
def test_a_meeting_with_three_step_changes_gives_what_the_same_changes_give_one_at_a_time(client, recorder, rules):
    w = meeting_world(rules)
    # Group B gets the same people in the same places, and makes the changes one at a time.
    one_at_a_time = meeting_world(rules)
    changes = {w.steps[0]: "done", w.steps[1]: "done", w.steps[2]: "done"}

    client.force_login(getattr(w, recorder))
    response = client.post(reverse("meetings:record", args=[w.group.slug]), record_data(w, steps=changes))
    assert response.status_code == 302, response.content.decode()[:2000]

    by = getattr(one_at_a_time, recorder)
    for step in one_at_a_time.steps:
        progress.record_step_status(group=one_at_a_time.group, step=step, status="done", by=by)

    assert outcome(w.group, w.pathway) == outcome(one_at_a_time.group, one_at_a_time.pathway)
    meeting = Meeting.objects.get(group=w.group)
    assert [change.requested for change in meeting.step_changes.all()] == ["done", "done", "done"]
    # Each change is in the recorder's name, noted as made for the group at the meeting.
    note = f"On behalf of the group at the meeting of {meeting.held_on:%-d %B %Y}."
    step_entries = ActivityEntry.objects.filter(group=w.group, step__isnull=False)
    assert {entry.actor for entry in step_entries} == {getattr(w, recorder)}
    assert all(note in entry.note for entry in step_entries)


def test_the_coordinators_meeting_completes_the_pathway_and_issues_one_certificate(client, world):
    w = world
    client.force_login(w.coordinator)
    changes = dict.fromkeys(w.steps, "done")
    client.post(reverse("meetings:record", args=[w.group.slug]), record_data(w, steps=changes))
    assert Certificate.objects.filter(group=w.group, pathway=w.pathway).count() == 1
    page = client.get(reverse("meetings:detail", args=[w.group.slug, Meeting.objects.get().pk])).content.decode()
    assert "Step 1.1: Done" in page and "Step 1.3: Done" in page


def test_the_same_form_sent_twice_records_one_meeting(client, world):
    w = world
    client.force_login(w.coordinator)
    data = record_data(w, steps={w.steps[0]: "done"}, actions=[("Book the hall", w.member, "", DUE)])
    url = reverse("meetings:record", args=[w.group.slug])
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    assert Meeting.objects.filter(group=w.group).count() == 1
    assert MeetingAction.objects.count() == 1
    assert ActivityEntry.objects.filter(group=w.group, verb="marked_done").count() == 1
    assert first["Location"] == second.redirect_chain[-1][0]
    assert "This meeting was already recorded" in second.content.decode()


def test_the_form_comes_back_with_the_problems_and_everything_typed(client, world):
    w = world
    client.force_login(w.coordinator)
    data = record_data(
        w,
        place="",
        decisions="We chose <b>Tuesdays</b> & agreed a budget.",
        actions=[("Write to the council", None, "", DUE), ("", None, "Morag", None)],
    )
    response = client.post(reverse("meetings:record", args=[w.group.slug]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Say where you met, or tick “We met online”." in page
    assert "Choose who will do it, or write their name." in page
    assert "Say what the action is, or clear this row." in page
    assert "We chose &lt;b&gt;Tuesdays&lt;/b&gt; &amp; agreed a budget." in page
    assert 'value="Write to the council"' in page
    assert Meeting.objects.count() == 0


def test_a_step_the_rules_refuse_records_nothing_and_says_which_step(client, world):
    w = world
    step = w.steps[0]
    step.evidence_asked = "Your signed constitution"
    step.completion_rule = CompletionRule.FACILITATOR
    step.save()
    client.force_login(w.facilitator)
    response = client.post(reverse("meetings:record", args=[w.group.slug]), record_data(w, steps={step: "done"}))
    assert response.status_code == 200
    assert "Step 1.1: The evidence this step asks for is missing" in response.content.decode()
    assert Meeting.objects.count() == 0
    assert not StepProgress.objects.filter(group=w.group, step=step).exclude(status="not_started").exists()


def test_minutes_are_shown_as_typed_never_as_html(client, world):
    w = world
    client.force_login(w.coordinator)
    data = record_data(w, decisions="<script>alert(1)</script>Agreed the rota.")
    client.post(reverse("meetings:record", args=[w.group.slug]), data)
    page = client.get(reverse("meetings:detail", args=[w.group.slug, Meeting.objects.get().pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Agreed the rota." in page


def _meeting(w, **extra):
    meeting, _created = services.record_meeting(
        group=w.group,
        by=w.coordinator,
        token=extra.pop("token", None) or uuid.uuid4(),
        held_on=timezone.localdate() - timedelta(days=3),
        place="The library",
        attendees=[w.member],
        decisions="We agreed to meet in May.",
        actions=[{"text": "Book the hall", "owner": w.member, "owner_name": "", "due_on": DUE}],
        **extra,
    )
    return meeting


def test_a_correction_from_an_attendee_accepted_by_the_coordinator_keeps_the_earlier_text(client, world):
    w = world
    meeting = _meeting(w)
    client.force_login(w.member)
    correct_url = reverse("meetings:propose_correction", args=[w.group.slug, meeting.pk])
    assert "We agreed to meet in May." in client.get(correct_url).content.decode()
    client.post(correct_url, {"text": "We agreed to meet in March.", "reason": "It was March."})
    correction = MinutesCorrection.objects.get(meeting=meeting)

    client.force_login(w.coordinator)
    detail = reverse("meetings:detail", args=[w.group.slug, meeting.pk])
    assert "Accept this correction" in client.get(detail).content.decode()
    decide = reverse("meetings:decide_correction", args=[w.group.slug, meeting.pk, correction.pk])
    client.post(decide, {"decision": "accept"})
    # Pressed again (or declined after), nothing changes.
    client.post(decide, {"decision": "decline"})

    meeting.refresh_from_db()
    correction.refresh_from_db()
    assert meeting.decisions == "We agreed to meet in March."
    assert correction.status == "accepted"
    assert correction.previous_text == "We agreed to meet in May."
    client.force_login(w.member)
    page = client.get(detail).content.decode()
    assert "Earlier versions" in page
    assert page.index("We agreed to meet in March.") < page.index("Earlier versions</h3>") < page.index("in May.")


def test_a_declined_correction_leaves_the_minutes_as_they_were(client, world):
    w = world
    meeting = _meeting(w)
    correction = services.propose_correction(meeting=meeting, by=w.member, text="We agreed June.")
    client.force_login(w.coordinator)
    client.post(
        reverse("meetings:decide_correction", args=[w.group.slug, meeting.pk, correction.pk]), {"decision": "decline"}
    )
    meeting.refresh_from_db()
    assert meeting.decisions == "We agreed to meet in May."
    assert MinutesCorrection.objects.get().status == "declined"


def test_only_members_who_came_propose_corrections(as_role, world):
    w = world
    meeting = _meeting(w)
    url = reverse("meetings:propose_correction", args=[w.group.slug, meeting.pk])
    assert as_role("member").get(url).status_code == 200
    # The coordinator recorded it but was not ticked as present; the facilitator is not a member.
    assert as_role("coordinator").get(url).status_code == 403
    assert as_role("facilitator").get(url).status_code == 403
    assert as_role("other").get(url).status_code == 404
    assert as_role("member").post(url, {"text": ""}).status_code == 200
    assert not MinutesCorrection.objects.exists()


def test_open_actions_are_on_the_dashboard_until_marked_done(as_role, world):
    w = world
    meeting = _meeting(w)
    action = meeting.actions.get()
    dashboard = reverse("learning:group_dashboard", args=[w.group.slug])
    for role in ("member", "coordinator", "facilitator"):
        assert "Book the hall" in as_role(role).get(dashboard).content.decode(), role
    done_url = reverse("meetings:action_done", args=[w.group.slug, meeting.pk, action.pk])
    # The facilitator is neither its owner nor a coordinator.
    assert as_role("facilitator").post(done_url).status_code == 403
    client = as_role("member")
    assert client.post(done_url).status_code == 302
    assert client.post(done_url).status_code == 302  # twice: still done once
    action.refresh_from_db()
    assert action.done_by == w.member
    assert "marked done by" in client.get(meeting.get_absolute_url()).content.decode()
    assert "Book the hall" not in client.get(dashboard).content.decode()


def test_minutes_kept_as_evidence_go_through_the_evidence_library_once(client, world):
    w = world
    meeting = _meeting(w)
    client.force_login(w.coordinator)
    url = reverse("meetings:keep_as_evidence", args=[w.group.slug, meeting.pk])
    client.post(url, {"evidence_type": EvidenceType.AGM_MINUTES})
    client.post(url, {"evidence_type": EvidenceType.AGM_MINUTES})
    evidence = Evidence.objects.get(group=w.group, evidence_type=EvidenceType.AGM_MINUTES)
    assert "We agreed to meet in May." in evidence.note
    assert ActivityEntry.objects.filter(group=w.group, verb="added_evidence").count() == 1
    library = client.get(reverse("learning:evidence_list", args=[w.group.slug])).content.decode()
    assert evidence.title in library
    assert "kept in your group's evidence library" in client.get(meeting.get_absolute_url()).content.decode()


def test_the_meeting_pack_links_to_recording_its_outcomes_with_the_stage_chosen(as_role, world):
    w = world
    pack = reverse("learning:meeting_pack", args=[w.stage.pk])
    page = as_role("coordinator").get(pack).content.decode()
    record_url = f"{reverse('meetings:record', args=[w.group.slug])}?stage={w.stage.pk}"
    assert "Record this meeting&#x27;s outcomes" in page or "Record this meeting's outcomes" in page
    assert record_url in page
    form = as_role("coordinator").get(record_url).content.decode()
    assert f'<option value="{w.stage.pk}" selected>' in form
    for step in w.steps:
        assert f'name="step_{step.pk}"' in form
    # A member cannot record meetings, so their pack does not offer it.
    assert record_url not in as_role("member").get(pack).content.decode()


@pytest.mark.parametrize("role", ["other", "other_facilitator", "staff"])
def test_people_outside_the_group_find_none_of_its_meetings(as_role, world, role):
    w = world
    meeting = _meeting(w)
    action = meeting.actions.get()
    correction = services.propose_correction(meeting=meeting, by=w.member, text="We agreed June.")
    client = as_role(role)
    slug = w.group.slug
    for url in (
        reverse("meetings:list", args=[slug]),
        reverse("meetings:record", args=[slug]),
        reverse("meetings:detail", args=[slug, meeting.pk]),
        reverse("meetings:propose_correction", args=[slug, meeting.pk]),
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("meetings:decide_correction", args=[slug, meeting.pk, correction.pk]),
        reverse("meetings:keep_as_evidence", args=[slug, meeting.pk]),
        reverse("meetings:action_done", args=[slug, meeting.pk, action.pk]),
    ):
        assert client.post(url, {"decision": "accept"}).status_code == 404, url
    assert MinutesCorrection.objects.get().status == "proposed"


@pytest.mark.parametrize("role", ["member", "coordinator", "facilitator"])
def test_group_a_addresses_with_group_b_ids_find_nothing(as_role, world, role):
    w = world
    theirs, _created = services.record_meeting(
        group=w.other_group,
        by=w.other_group.coordinator,
        token=uuid.uuid4(),
        held_on=timezone.localdate(),
        online=True,
        actions=[{"text": "Private to B", "owner": w.other, "owner_name": "", "due_on": DUE}],
    )
    client = as_role(role)
    slug = w.group.slug
    assert client.get(reverse("meetings:detail", args=[slug, theirs.pk])).status_code == 404
    assert client.get(reverse("meetings:detail", args=[slug, 999999])).status_code == 404
    action = theirs.actions.get()
    assert client.post(reverse("meetings:action_done", args=[slug, theirs.pk, action.pk])).status_code == 404
    assert client.get(reverse("meetings:list", args=[w.other_group.slug])).status_code == 404
    assert "Private to B" not in client.get(reverse("learning:group_dashboard", args=[slug])).content.decode()


def test_members_read_but_do_not_record(as_role, world):
    w = world
    _meeting(w)
    assert (
        "We agreed to meet in May."
        not in as_role("member").get(reverse("meetings:list", args=[w.group.slug])).content.decode()
    )
    assert as_role("member").get(reverse("meetings:list", args=[w.group.slug])).status_code == 200
    assert as_role("member").get(reverse("meetings:record", args=[w.group.slug])).status_code == 403
    assert as_role("visitor").get(reverse("meetings:list", args=[w.group.slug])).status_code == 302


def test_the_groups_data_download_holds_its_meetings_actions_and_corrections(world):
    from learning import group_export
    from learning.meetings.group_export import meetings_section

    w = world
    meeting = _meeting(w)
    services.decide_correction(
        correction=services.propose_correction(meeting=meeting, by=w.member, text="We agreed June."),
        by=w.coordinator,
        accept=True,
    )
    assert meetings_section in group_export.sections()
    tables = {table.name: table for table in meetings_section(w.group)}
    assert tables["meetings/meetings"].rows[0]["decisions"] == "We agreed June."
    assert tables["meetings/meetings"].rows[0]["members_present"] == w.member.get_display_name()
    assert tables["meetings/actions"].rows[0]["owner"] == w.member.get_display_name()
    assert tables["meetings/corrections"].rows[0]["earlier_text"] == "We agreed to meet in May."
