"""A facilitator's caseload (issue 16, item 1): every group they support with its progress stage by stage, last
activity and a stalled flag, steps to verify with a queue to verify several at once, evidence and certificates
running out, the latest readiness levels; filters and order by plain GET forms, a CSV export, flat queries."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning.models import (
    ActivityEntry,
    ActivityVerb,
    AssignmentStatus,
    Certificate,
    CommunityGroup,
    CompletionRule,
    Enrolment,
    FacilitatorAssignment,
    StepProgress,
    StepStatus,
)
from learning.services import groups as group_services
from learning.services import progress
from tests.readiness.conftest import closed_round, make_domain

from .factories import assign_facilitator, keep_evidence, make_group, make_pathway, make_person, steps_of

pytestmark = pytest.mark.django_db

CASELOAD = reverse("learning:caseload")
VERIFY = reverse("learning:caseload_verify")
EXPORT = reverse("learning:caseload_export")


@pytest.fixture
def load(db):
    """A facilitator supporting two groups on a pathway whose last two steps a facilitator verifies; a third
    group they do not support."""
    pathway = make_pathway(
        stages=2, steps_per_stage=2, rules={2: CompletionRule.FACILITATOR, 3: CompletionRule.FACILITATOR}
    )
    steps = steps_of(pathway)
    facilitator = make_person()
    oak = make_group(members=1, name="Oak Street Neighbours")
    elm = make_group(members=1, name="Elm Court Tenants")
    pine = make_group(members=1, name="Pine Road Allotments")
    for group in (oak, elm):
        assign_facilitator(group, facilitator)
    for group in (oak, elm, pine):
        progress.enrol(group=group, pathway=pathway, by=group.coordinator)
    progress.mark_done(group=oak, step=steps[0], by=oak.people[0])
    # Oak's member asks for the two facilitator steps to be verified.
    progress.mark_done(group=oak, step=steps[2], by=oak.people[0])
    progress.mark_done(group=oak, step=steps[3], by=oak.people[0])
    progress.mark_done(group=pine, step=steps[2], by=pine.people[0])
    return pathway, steps, facilitator, oak, elm, pine


def caseload_client(client, person):
    client.force_login(person)
    return client


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def quiet_for(group, days):
    """Move everything the group did `days` into the past (and the day it started)."""
    then = timezone.now() - timedelta(days=days)
    ActivityEntry.objects.filter(group=group).update(created_at=then)
    CommunityGroup.objects.filter(pk=group.pk).update(created=then - timedelta(days=1))


def test_the_facilitator_sees_each_group_they_support_stage_by_stage(client, load):
    pathway, steps, facilitator, oak, elm, pine = load
    html = caseload_client(client, facilitator).get(CASELOAD).content.decode()
    assert "You support 2 groups." in html
    assert "Oak Street Neighbours" in html and "Elm Court Tenants" in html
    assert "Pine Road Allotments" not in html
    # Oak: step 1.1 done; stage 2's two steps wait for verification, so they are not done yet.
    assert "Stage 1: 1 of 2" in html and "Stage 2: 0 of 2" in html
    assert f"{pathway.title}</strong>: 25%" in html
    assert "2 steps are waiting for you to verify." in html
    assert html.count('name="step"') == 2
    assert timezone.localdate().strftime("%-d %b %Y") in html  # last activity today
    assert "Stalled" not in html.split("</table>")[0].split("<tbody>")[1]


def test_groups_without_activity_for_the_set_number_of_days_are_stalled_unless_finished(client, load, settings):
    pathway, steps, facilitator, oak, elm, pine = load
    settings.LEARNING_STALLED_AFTER_DAYS = 10
    quiet_for(elm, 11)
    quiet_for(oak, 9)
    html = caseload_client(client, facilitator).get(CASELOAD, {"stalled": "1"}).content.decode()
    assert "1 has stalled." in html
    assert "1 group shown" in html
    assert "Elm Court Tenants" in html and 'status--stalled">Stalled' in html
    assert "Oak Street Neighbours" not in html.split("<tbody>")[1].split("</tbody>")[0]
    # A group that finished every pathway it started has nothing to stall on.
    for step in steps:
        progress.record_step_status(group=elm, step=step, status=StepStatus.VERIFIED, by=facilitator)
    quiet_for(elm, 30)
    html = client.get(CASELOAD, {"stalled": "1"}).content.decode()
    assert "0 groups shown" in html


def test_filters_and_order_are_plain_get_forms_and_nonsense_is_ignored(client, load):
    pathway, steps, facilitator, oak, elm, pine = load
    other_pathway = make_pathway(stages=1, steps_per_stage=1, title="Money matters")
    progress.enrol(group=elm, pathway=other_pathway, by=elm.coordinator)
    client = caseload_client(client, facilitator)
    waiting = client.get(CASELOAD, {"waiting": "1"}).content.decode()
    table = waiting.split("<tbody>")[1].split("</tbody>")[0]
    assert "Oak Street Neighbours" in table and "Elm Court Tenants" not in table
    by_pathway = client.get(CASELOAD, {"pathway": other_pathway.pk}).content.decode()
    table = by_pathway.split("<tbody>")[1].split("</tbody>")[0]
    assert "Elm Court Tenants" in table and "Oak Street Neighbours" not in table
    assert f'<option value="{other_pathway.pk}" selected>Money matters</option>' in by_pathway
    # Least recent activity first: Elm did something long ago, Oak today.
    quiet_for(elm, 3)
    ordered = client.get(CASELOAD, {"sort": "activity"}).content.decode().split("<tbody>")[1]
    assert ordered.index("Elm Court Tenants") < ordered.index("Oak Street Neighbours")
    ordered = client.get(CASELOAD, {"sort": "waiting"}).content.decode()
    table = ordered.split("<tbody>")[1]
    assert table.index("Oak Street Neighbours") < table.index("Elm Court Tenants")
    for nonsense in ({"pathway": "abc"}, {"sort": "<script>"}, {"pathway": "-4", "waiting": "maybe"}):
        response = client.get(CASELOAD, nonsense)
        assert response.status_code == 200
        assert "You support 2 groups." in response.content.decode()


def test_verifying_several_steps_at_once_goes_through_the_progress_service(client, load):
    pathway, steps, facilitator, oak, elm, pine = load
    client = caseload_client(client, facilitator)
    response = client.post(VERIFY, {"step": [f"{oak.pk}-{steps[2].pk}", f"{oak.pk}-{steps[3].pk}"], "waiting": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"{CASELOAD}?waiting=1#verify"
    assert messages_of(response) == ["Verified 2 steps."]
    statuses = dict(StepProgress.objects.filter(group=oak).values_list("step_id", "status"))
    assert statuses[steps[2].pk] == statuses[steps[3].pk] == StepStatus.VERIFIED
    entries = ActivityEntry.objects.filter(group=oak, verb=ActivityVerb.VERIFIED)
    assert entries.count() == 2
    assert {entry.actor_id for entry in entries} == {facilitator.pk}
    assert all(entry.recorded_by_facilitator for entry in entries)
    html = client.get(CASELOAD).content.decode()
    assert "0 steps are waiting for you to verify." in html and "Stage 2: 2 of 2" in html

    # Pressed again (a second tab, or a colleague first): nothing changes, and it says so.
    again = client.post(VERIFY, {"step": [f"{oak.pk}-{steps[2].pk}"]})
    assert messages_of(again) == [
        f"“{steps[2].title}” in Oak Street Neighbours: already verified, by you or another facilitator."
    ]
    assert ActivityEntry.objects.filter(group=oak, verb=ActivityVerb.VERIFIED).count() == 2


def test_partial_failures_are_reported_step_by_step_and_the_rest_are_verified(client, load):
    pathway, steps, facilitator, oak, elm, pine = load
    # Step 2.2 asks for a constitution the group has not kept.
    type(steps[3]).objects.filter(pk=steps[3].pk).update(evidence_type="constitution")
    progress.record_step_status(group=oak, step=steps[0], status=StepStatus.NOT_STARTED, by=oak.coordinator)
    response = caseload_client(client, facilitator).post(
        VERIFY,
        {
            "step": [
                f"{oak.pk}-{steps[2].pk}",
                f"{oak.pk}-{steps[3].pk}",
                f"{oak.pk}-{steps[0].pk}",  # not waiting for verification
                f"{pine.pk}-{steps[2].pk}",  # a group they do not support: its id guessed
                "nonsense",
            ]
        },
    )
    assert response.status_code == 302
    assert messages_of(response) == [
        "Verified 1 step.",
        f"“{steps[3].title}” in Oak Street Neighbours: not verified. The evidence it asks for is missing. "
        "Open the step from the list to verify it with a reason.",
        f"“{steps[0].title}” in Oak Street Neighbours: no longer waiting to be verified, so nothing was changed.",
        "A step you ticked is no longer in your caseload.",
    ]
    assert StepProgress.objects.get(group=oak, step=steps[2]).status == StepStatus.VERIFIED
    assert StepProgress.objects.get(group=oak, step=steps[3]).status == StepStatus.AWAITING_VERIFICATION
    assert StepProgress.objects.get(group=pine, step=steps[2]).status == StepStatus.AWAITING_VERIFICATION
    assert "Pine Road Allotments" not in " ".join(messages_of(response))


def test_nothing_ticked_says_so_and_changes_nothing(client, load):
    pathway, steps, facilitator, oak, elm, pine = load
    response = caseload_client(client, facilitator).post(VERIFY, {})
    assert messages_of(response) == ["Tick at least one step to verify."]
    assert not ActivityEntry.objects.filter(verb=ActivityVerb.VERIFIED).exists()


def test_a_get_of_the_verify_address_changes_nothing(client, load):
    pathway, steps, facilitator, oak, elm, pine = load
    response = caseload_client(client, facilitator).get(VERIFY, {"step": f"{oak.pk}-{steps[2].pk}"})
    assert response.status_code == 405
    assert StepProgress.objects.get(group=oak, step=steps[2]).status == StepStatus.AWAITING_VERIFICATION


@pytest.mark.parametrize("who", ["member", "coordinator", "outsider", "staff"])
def test_only_facilitators_may_open_the_caseload(client, load, who):
    pathway, steps, facilitator, oak, elm, pine = load
    person = {
        "member": oak.people[0],
        "coordinator": oak.coordinator,
        "outsider": make_person(),
        "staff": make_person(is_staff=True, is_superuser=True),
    }[who]
    client.force_login(person)
    for response in (
        client.get(CASELOAD),
        client.get(EXPORT),
        client.post(VERIFY, {"step": f"{oak.pk}-{steps[2].pk}"}),
    ):
        assert response.status_code == 403
        assert b"Oak Street Neighbours" not in response.content
    assert StepProgress.objects.get(group=oak, step=steps[2]).status == StepStatus.AWAITING_VERIFICATION
    assert "Your caseload" not in client.get(reverse("learning:group_list")).content.decode()


def test_visitors_are_asked_to_sign_in(client, load):
    for response in (client.get(CASELOAD), client.get(EXPORT), client.post(VERIFY)):
        assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_a_facilitator_of_another_group_never_sees_this_one(client, load):
    pathway, steps, facilitator, oak, elm, pine = load
    theirs = assign_facilitator(pine)
    client.force_login(theirs)
    html = client.get(CASELOAD).content.decode()
    assert "Pine Road Allotments" in html
    assert "Oak Street Neighbours" not in html and "Elm Court Tenants" not in html
    response = client.post(VERIFY, {"step": f"{oak.pk}-{steps[2].pk}"})
    assert messages_of(response) == ["A step you ticked is no longer in your caseload."]
    assert StepProgress.objects.get(group=oak, step=steps[2]).status == StepStatus.AWAITING_VERIFICATION
    exported = b"".join(client.get(EXPORT).streaming_content).decode()
    assert "Oak Street" not in exported and "Pine Road Allotments" in exported


def test_an_ended_assignment_takes_the_group_off_at_once(client, load):
    pathway, steps, facilitator, oak, elm, pine = load
    client = caseload_client(client, facilitator)
    assert "Your caseload" in client.get(reverse("learning:group_list")).content.decode()
    assignment = FacilitatorAssignment.objects.get(group=oak, facilitator=facilitator)
    group_services.end_facilitation(assignment=assignment, by=oak.coordinator)
    html = client.get(CASELOAD).content.decode()
    assert "Oak Street Neighbours" not in html and "You support 1 group." in html
    response = client.post(VERIFY, {"step": f"{oak.pk}-{steps[2].pk}"})
    assert messages_of(response) == ["A step you ticked is no longer in your caseload."]
    group_services.end_facilitation(
        assignment=FacilitatorAssignment.objects.get(group=elm, facilitator=facilitator), by=elm.coordinator
    )
    assert client.get(CASELOAD).status_code == 403
    # The header's link goes with the last assignment.
    assert "Your caseload" not in client.get(reverse("learning:group_list")).content.decode()


def test_evidence_and_certificates_running_out_are_shown(client, load):
    pathway, steps, facilitator, oak, elm, pine = load
    today = timezone.localdate()
    keep_evidence(
        oak, oak.coordinator, "Insurance certificate", evidence_type="insurance", valid_until=today + timedelta(days=45)
    )
    keep_evidence(
        oak,
        oak.coordinator,
        "Safeguarding policy",
        evidence_type="safeguarding_policy",
        valid_until=today + timedelta(days=90),
    )
    Certificate.objects.create(
        group=elm,
        pathway=pathway,
        group_name=elm.name,
        pathway_title="Ready to co-produce",
        completed_at=timezone.now() - timedelta(days=300),
        valid_until=today + timedelta(days=30),
    )
    html = caseload_client(client, facilitator).get(CASELOAD).content.decode()
    day = (today + timedelta(days=45)).strftime("%-d %b %Y")
    assert f"Insurance certificate: valid until {day}" in html
    assert "Safeguarding policy" not in html
    assert f"Ready to co-produce</a>: valid until {(today + timedelta(days=30)).strftime('%-d %b %Y')}" in html


def test_readiness_adds_each_groups_latest_agreed_levels(client, load):
    pathway, steps, facilitator, oak, elm, pine = load
    governance = make_domain("Governance", 1)
    money = make_domain("Money", 2)
    closed_round(oak, oak.coordinator, {governance: 1, money: 1})
    closed_round(oak, oak.coordinator, {governance: 3}, kind="review")
    closed_round(pine, pine.coordinator, {governance: 4})
    html = caseload_client(client, facilitator).get(CASELOAD).content.decode()
    assert "Latest readiness levels" in html
    assert "Governance: 3 Established" in html
    assert "Money: 1 Starting out" not in html  # only the latest round counts
    assert "4 Sharing" not in html  # Pine's is not theirs to see
    assert "No self-assessment closed yet" in html  # Elm
    exported = list(csv.reader(io.StringIO(b"".join(client.get(EXPORT).streaming_content).decode())))
    assert exported[0][-3:] == ["Self-assessment closed", "Governance", "Money"]
    oak_row = next(row for row in exported if row[0] == "Oak Street Neighbours")
    assert oak_row[-2:] == ["3 Established", ""]


def test_the_export_has_the_rows_shown_and_is_spreadsheet_safe(client, load):
    pathway, steps, facilitator, oak, elm, pine = load
    CommunityGroup.objects.filter(pk=elm.pk).update(name='=HYPERLINK("http://x")')
    response = caseload_client(client, facilitator).get(EXPORT, {"waiting": "1"})
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="caseload-')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:8] == [
        "Group",
        "Last activity",
        "Stalled",
        "Pathway progress",
        "Progress by stage",
        "Steps to verify",
        "Evidence running out",
        "Certificates lapsing",
    ]
    assert [row[0] for row in rows[1:]] == ["Oak Street Neighbours"]
    oak_row = rows[1]
    assert oak_row[1] == timezone.localdate().isoformat()
    assert oak_row[2] == "No"
    assert oak_row[3] == f"{pathway.title}: 25%"
    assert oak_row[4] == f"{pathway.title} / Stage 1: 1/2; {pathway.title} / Stage 2: 0/2"
    assert oak_row[5].startswith(f"{steps[2].title} (")
    everything = list(csv.reader(io.StringIO(b"".join(client.get(EXPORT).streaming_content).decode())))
    assert '\'=HYPERLINK("http://x")' in [row[0] for row in everything]


def test_the_caseload_is_linked_from_the_home_page_and_the_header(client, load):
    pathway, steps, facilitator, oak, elm, pine = load
    html = caseload_client(client, facilitator).get(reverse("learning:group_list")).content.decode()
    assert html.count(f'href="{CASELOAD}"') == 2


def _crowd(facilitator, pathway, steps, count):
    """`count` groups the facilitator supports, each with a member's step waiting, activity, evidence, a
    certificate lapsing and a closed round (made in bulk: the point is the rows, not how they were made)."""
    from learning.models import Evidence
    from learning.readiness.models import AgreedLevel, AssessmentRound, ReadinessDomain

    now = timezone.now()
    groups = CommunityGroup.objects.bulk_create(
        CommunityGroup(name=f"Crowd {facilitator.pk} {n}", slug=f"crowd-{facilitator.pk}-{n}") for n in range(count)
    )
    FacilitatorAssignment.objects.bulk_create(
        FacilitatorAssignment(facilitator=facilitator, group=group, status=AssignmentStatus.ACTIVE) for group in groups
    )
    Enrolment.objects.bulk_create(Enrolment(group=group, pathway=pathway) for group in groups)
    StepProgress.objects.bulk_create(
        StepProgress(group=group, step=step, pathway=pathway, status=status, changed_by=facilitator)
        for group in groups
        for step, status in ((steps[0], StepStatus.DONE), (steps[2], StepStatus.AWAITING_VERIFICATION))
    )
    ActivityEntry.objects.bulk_create(
        ActivityEntry(group=group, actor=facilitator, verb=ActivityVerb.MARKED_DONE, step=steps[0], created_at=now)
        for group in groups
    )
    Evidence.objects.bulk_create(
        Evidence(
            group=group,
            evidence_type="insurance",
            title="Insurance",
            note="In the folder.",
            valid_until=timezone.localdate() + timedelta(days=20),
            added_by=facilitator,
        )
        for group in groups
    )
    Certificate.objects.bulk_create(
        Certificate(
            group=group,
            pathway=pathway,
            group_name=group.name,
            pathway_title=pathway.title,
            completed_at=now,
            valid_until=timezone.localdate() + timedelta(days=20),
            code=f"C{group.pk}",
        )
        for group in groups
    )
    domain = ReadinessDomain.objects.first() or make_domain("Governance", 1)
    rounds = AssessmentRound.objects.bulk_create(AssessmentRound(group=group, closed_at=now) for group in groups)
    AgreedLevel.objects.bulk_create(AgreedLevel(round=item, domain=domain, level=2) for item in rounds)


def _queries(person, **params):
    client = Client()
    client.force_login(person)
    client.get(CASELOAD)  # warm-up: session and the header's kept answers
    with CaptureQueriesContext(connection) as page:
        response = client.get(CASELOAD, params)
    assert response.status_code == 200
    with CaptureQueriesContext(connection) as export:
        b"".join(client.get(EXPORT, params).streaming_content)
    return len(page), len(export), response.content.decode()


def test_the_caseload_and_its_export_ask_the_same_queries_for_10_groups_as_for_200(load):
    pathway, steps, _facilitator, *_groups = load
    few, many = make_person(), make_person()
    _crowd(few, pathway, steps, 10)
    _crowd(many, pathway, steps, 200)
    few_page, few_export, _html = _queries(few)
    many_page, many_export, html = _queries(many)
    assert "You support 200 groups." in html and "200 steps are waiting for you to verify." in html
    assert many_page == few_page
    assert many_export == few_export
    assert _queries(many, stalled="1", sort="progress")[0] == many_page
