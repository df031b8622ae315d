"""Closing a group (issue 12, item 6): read-only, hidden from every list, its data kept, then purged with its files."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from learning import permissions
from learning.models import (
    ActivityEntry,
    CommunityGroup,
    Evidence,
    Invitation,
    Membership,
    Reflection,
    StepProgress,
)
from learning.readiness import permissions as readiness_permissions
from learning.readiness.models import AccessLog, AssessmentRound, ReadinessReview, ShareGrant
from learning.services import closing, progress
from learning.services import groups as group_services
from tests.readiness.conftest import closed_round, make_domain, make_funder, post_review, share

from .factories import keep_evidence, make_person


@pytest.fixture
def shared(world):
    """Group A shares everything with a funder whose reviewer has looked, and has a closed self-assessment."""
    world.governance = make_domain("Governance", 1)
    world.reviewer = make_person(email="reviewer@fund.example.org")
    world.funder = make_funder("Fund A", world.reviewer)
    world.grant = share(world, funder=world.funder)
    AccessLog.objects.create(
        group=world.group, funder=world.funder, grant=world.grant, viewer=world.reviewer, kind="profile"
    )
    world.round = closed_round(world.group, world.coordinator, {world.governance: 2})
    world.review = post_review(world.grant, "ready", reviewer=world.reviewer)
    world.invitation = group_services.create_invitation(group=world.group, role="member", by=world.coordinator)
    return world


def close(world):
    group = closing.close_group(group=world.group, by=world.coordinator)
    world.group.refresh_from_db()
    # Roles are cached on each user object for one request; the test's objects live longer.
    for person in world.people.values():
        permissions.forget_access(person)
    return group


# --- Closing through the confirmation page ---------------------------------------------------------


def test_the_coordinator_closes_the_group_from_its_edit_page_through_a_plain_confirmation(as_role, shared):
    client = as_role("coordinator")
    edit_page = client.get(reverse("learning:group_edit", args=[shared.group.slug])).content.decode()
    close_url = reverse("learning:close_group", args=[shared.group.slug])
    assert close_url in edit_page

    confirmation = client.get(close_url).content.decode()
    assert "Close Group A?" in confirmation
    assert "Nobody can change anything in the group any more" in confirmation
    assert "Everything the group kept is deleted for good 365 days after it closes" in confirmation
    assert "csrfmiddlewaretoken" in confirmation
    shared.group.refresh_from_db()
    assert shared.group.closed_at is None  # looking at the page changes nothing

    response = client.post(close_url, follow=True)
    shared.group.refresh_from_db()
    assert shared.group.closed_at is not None
    assert shared.group.closed_by == shared.coordinator
    kept_until = (shared.group.closed_at + timedelta(days=365)).strftime("%-d %B %Y")
    closed_on = timezone.localtime(shared.group.closed_at).strftime("%-d %B %Y")
    page = response.content.decode()
    assert f"This group was closed on {closed_on}; its records are kept until {kept_until}." in page
    # Its coordinator can still take all of the group's data away; a member is not offered it.
    export_url = reverse("learning:group_export", args=[shared.group.slug])
    assert export_url in page
    assert client.get(export_url).status_code == 200
    member_page = as_role("member").get(shared.group.get_absolute_url()).content.decode()
    assert "This group was closed on" in member_page and export_url not in member_page


@pytest.mark.parametrize("role", ["member", "facilitator", "other", "visitor"])
def test_nobody_else_in_or_outside_the_group_may_close_it(as_role, world, role):
    response = as_role(role).post(reverse("learning:close_group", args=[world.group.slug]))
    world.group.refresh_from_db()
    assert world.group.closed_at is None
    assert response.status_code in (302, 403, 404)
    if role == "visitor":
        assert "/accounts/sign-in/" in response["Location"]
    person = world.people[role]
    if person is not None:
        with pytest.raises(PermissionDenied):
            closing.close_group(group=world.group, by=person)


def test_closing_keeps_every_record_and_stops_the_unused_invitation_links(shared):
    counts_before = {
        model: model.objects.filter(group=shared.group).count()
        for model in (Membership, StepProgress, Reflection, Evidence, ActivityEntry, AccessLog, AssessmentRound)
    }
    close(shared)
    assert {model: model.objects.filter(group=shared.group).count() for model in counts_before} == counts_before
    shared.invitation.refresh_from_db()
    assert shared.invitation.cancelled_at is not None
    assert not shared.invitation.is_usable
    assert Path(shared.evidence.file.path).exists()


# --- Read-only: every write permission says no -----------------------------------------------------


def test_every_write_permission_says_no_in_a_closed_group(shared):
    close(shared)
    group, step = shared.group, shared.step
    coordinator, member, facilitator = shared.coordinator, shared.member, shared.facilitator
    refused = {
        "manage members": permissions.can_manage_members(coordinator, group),
        "edit details": permissions.can_edit_group(coordinator, group),
        "accept facilitator": permissions.can_accept_facilitator(coordinator, group),
        "leave": permissions.can_leave_group(member, group),
        "enrol": permissions.can_enrol(coordinator, group),
        "work on steps": permissions.can_work_on_steps(member, group),
        "confirm": permissions.can_confirm_step(coordinator, group),
        "verify": permissions.can_verify_step(facilitator, group),
        "not applicable": permissions.can_mark_not_applicable(coordinator, group),
        "complete": permissions.can_complete_directly(coordinator, group, step),
        "add evidence": permissions.can_add_evidence(member, group),
        "remove evidence": permissions.can_remove_evidence(coordinator, shared.evidence),
        "edit reflection": permissions.can_edit_reflection(member, shared.reflection),
        "hide reflection": permissions.can_hide_reflection(coordinator, shared.reflection),
        "close again": permissions.can_close_group(coordinator, group),
        "rate readiness": readiness_permissions.can_rate_readiness(member, group),
        "run self-assessment": readiness_permissions.can_run_self_assessment(coordinator, group),
        "link evidence": readiness_permissions.can_link_evidence(member, group),
        "manage sharing": readiness_permissions.can_manage_sharing(coordinator, group),
        "reply to review": readiness_permissions.can_reply_to_review(coordinator, group),
        "funder sees profile": readiness_permissions.can_view_shared_profile(shared.reviewer, group),
        "funder reviews": readiness_permissions.can_review_group(shared.reviewer, group),
    }
    assert [name for name, allowed in refused.items() if allowed] == []
    # Its people still read it.
    assert permissions.can_view_group(member, group)
    assert permissions.can_view_group(facilitator, group)
    assert readiness_permissions.can_view_readiness(member, group)


def test_the_pages_of_a_closed_group_refuse_every_change(as_role, shared):
    close(shared)
    slug, step = shared.group.slug, shared.step
    step_status = reverse("learning:step_status", args=[slug, step.pk])
    attempts = [
        ("member", step_status, {"action": "done"}),
        ("member", reverse("learning:reflection_add", args=[slug, step.pk]), {"text": "Another meeting"}),
        ("member", reverse("learning:evidence_add", args=[slug]), {"title": "Minutes", "note": "We met."}),
        ("member", reverse("learning:leave_group", args=[slug]), {}),
        ("coordinator", reverse("learning:invite", args=[slug]), {"role": "member"}),
        ("coordinator", reverse("learning:group_edit", args=[slug]), {"name": "Renamed"}),
        ("coordinator", reverse("readiness:open_round", args=[slug]), {"kind": "review"}),
        ("coordinator", reverse("readiness:sharing", args=[slug]), {"funder": shared.funder.pk}),
        ("facilitator", step_status, {"action": "verify"}),
    ]
    for role, url, data in attempts:
        response = as_role(role).post(url, data)
        assert response.status_code in (403, 404) or (
            response.status_code == 302 and "/accounts/sign-in/" not in response["Location"]
        ), (role, url, response.status_code)
    shared.group.refresh_from_db()
    assert shared.group.name == "Group A"
    assert not StepProgress.objects.filter(group=shared.group, step=step, status="done").exists()
    assert Reflection.objects.filter(group=shared.group).count() == 1
    assert Evidence.objects.filter(group=shared.group).count() == 1
    assert Membership.objects.active().filter(group=shared.group).count() == 2
    assert Invitation.objects.filter(group=shared.group).count() == 1
    assert AssessmentRound.objects.filter(group=shared.group).count() == 1
    assert ShareGrant.objects.filter(group=shared.group).count() == 1


def test_the_dashboard_of_a_closed_group_offers_no_actions(as_role, shared):
    close(shared)
    page = as_role("coordinator").get(shared.group.get_absolute_url()).content.decode()
    assert "This group was closed on" in page
    assert reverse("learning:enrol", args=[shared.group.slug]) not in page
    assert as_role("coordinator").get(reverse("learning:members", args=[shared.group.slug])).status_code == 403


def test_the_services_refuse_too(shared):
    close(shared)
    with pytest.raises(PermissionDenied):
        progress.mark_done(group=shared.group, step=shared.steps[1], by=shared.member)
    with pytest.raises(PermissionDenied):
        group_services.create_invitation(group=shared.group, role="member", by=shared.coordinator)
    with pytest.raises(PermissionDenied):
        keep_evidence(shared.group, shared.member, "Late minutes")


# --- Hidden from every list ---------------------------------------------------------------------


def test_a_closed_group_leaves_every_list(as_role, shared, client):
    close(shared)
    # The member's list: no longer among their groups, only in a short "Closed groups" note with its dates.
    page = as_role("member").get(reverse("learning:group_list")).content.decode()
    working, _sep, closed_note = page.partition("Closed groups")
    assert "Group A" not in working
    assert "Group A" in closed_note and "records kept until" in closed_note
    # The facilitator's caseload.
    page = as_role("facilitator").get(reverse("learning:group_list")).content.decode()
    assert "Groups you support as a facilitator" not in page
    # A step page offers no closed group to work for.
    page = as_role("member").get(shared.step.url).content.decode()
    assert f'value="{shared.group.slug}"' not in page and f"?group={shared.group.slug}" not in page
    # The funder's portfolio and the group's shared profile.
    client.force_login(shared.reviewer)
    assert "Group A" not in client.get(reverse("readiness:portfolio")).content.decode()
    profile = client.get(reverse("readiness:funder_group", args=[shared.group.slug])).content.decode()
    assert "This group no longer shares its profile with you" in profile
    assert "strong committee" not in profile.lower()
    # The admin's pickers where staff choose a group, and the progress report.
    client.force_login(shared.staff)
    for url in (
        reverse("membership:add"),
        reverse("enrolment:add"),
        reverse("facilitatorassignment:add"),
    ):
        chooser = client.get(url).content.decode()
        assert "Group B" in chooser, url
        assert "Group A" not in chooser, url
    report = client.get(reverse("learning_group_progress")).content.decode()
    assert "Group B" in report and "Group A" not in report


def test_a_funder_cannot_find_or_ask_a_closed_group(client, shared, django_capture_on_commit_callbacks):
    type(shared.group).objects.filter(pk=shared.group.pk).update(findable=True)
    close(shared)
    client.force_login(shared.reviewer)
    search = client.get(reverse("readiness:ask_to_share"), {"q": shared.group.name}).content.decode()
    assert f"No findable group matches “{shared.group.name}”" in search
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("readiness:ask_to_share"), {"q": shared.group.name, "group": shared.group.pk, "message": "Hi"}
        )
    assert not shared.group.share_requests.exists()


# --- Staff: close and reopen; the admin no longer deletes -------------------------------------------


def test_staff_close_and_reopen_from_the_admin(admin_client, world):
    edit = admin_client.get(reverse("communitygroup:edit", args=[world.group.pk])).content.decode()
    close_url = reverse("learning:close_group", args=[world.group.slug])
    assert close_url in edit
    assert "Close Group A?" in admin_client.get(close_url).content.decode()
    response = admin_client.post(close_url)
    world.group.refresh_from_db()
    assert world.group.closed_at is not None
    assert response["Location"] == reverse("communitygroup:edit", args=[world.group.pk])

    edit = admin_client.get(reverse("communitygroup:edit", args=[world.group.pk])).content.decode()
    reopen_url = reverse("learning:reopen_group", args=[world.group.slug])
    assert reopen_url in edit
    assert "If it stays closed, its records are deleted on" in admin_client.get(reopen_url).content.decode()
    admin_client.post(reopen_url)
    world.group.refresh_from_db()
    assert world.group.closed_at is None
    permissions.forget_access(world.member)
    assert permissions.can_work_on_steps(world.member, world.group)


def test_staff_cannot_change_members_or_facilitators_of_a_closed_group_in_the_admin(admin_client, world):
    close(world)
    membership = Membership.objects.get(group=world.group, user=world.member)
    response = admin_client.post(reverse("membership:edit", args=[membership.pk]), {"role": "coordinator"})
    assert response.status_code == 200
    assert "This group is closed, so its members and facilitators stay as they were." in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "member"
    assignment = world.group.facilitator_assignments.get(facilitator=world.facilitator)
    response = admin_client.post(reverse("facilitatorassignment:edit", args=[assignment.pk]), {"status": "ended"})
    assert "This group is closed" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.status == "active"


def test_a_coordinator_cannot_reopen_their_closed_group(as_role, world):
    close(world)
    response = as_role("coordinator").post(reverse("learning:reopen_group", args=[world.group.slug]))
    assert response.status_code == 403
    world.group.refresh_from_db()
    assert world.group.closed_at is not None


def test_the_admin_never_deletes_a_group(admin_client, world):
    delete_url = reverse("communitygroup:delete", args=[world.group.pk])
    edit = admin_client.get(reverse("communitygroup:edit", args=[world.group.pk])).content.decode()
    assert delete_url not in edit
    admin_client.post(delete_url)
    assert CommunityGroup.objects.filter(pk=world.group.pk).exists()
    assert Evidence.objects.filter(group=world.group).exists()


# --- Purging after the retention period ------------------------------------------------------------


def test_purge_removes_only_groups_closed_longer_than_the_retention_period(
    shared, settings, django_capture_on_commit_callbacks
):
    settings.LEARNING_CLOSED_GROUP_RETENTION_DAYS = 30
    close(shared)
    file_path = Path(shared.evidence.file.path)
    other_evidence = keep_evidence(shared.other_group, shared.other, "Their constitution")
    other_path = Path(other_evidence.file.path)

    # Closed today: kept.
    out = StringIO()
    call_command("purge_closed_groups", stdout=out)
    assert "Nothing to remove" in out.getvalue()
    assert CommunityGroup.objects.filter(pk=shared.group.pk).exists()

    CommunityGroup.objects.filter(pk=shared.group.pk).update(closed_at=timezone.now() - timedelta(days=31))

    # A dry run says what would go and changes nothing.
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_closed_groups", "--dry-run", stdout=out)
    report = out.getvalue()
    assert "Would remove Group A" in report
    assert "1 learning.Evidence" in report and "1 readiness.AccessLog" in report
    assert "1 evidence files" in report
    assert "Dry run: nothing was changed." in report
    assert CommunityGroup.objects.filter(pk=shared.group.pk).exists()
    assert file_path.exists()

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_closed_groups", stdout=out)
    report = out.getvalue()
    assert "Removed Group A" in report and "Removed 1 closed group." in report
    assert not CommunityGroup.objects.filter(pk=shared.group.pk).exists()
    for model in (
        Membership,
        StepProgress,
        Reflection,
        Evidence,
        ActivityEntry,
        AccessLog,
        AssessmentRound,
        ShareGrant,
        ReadinessReview,
    ):
        assert not model.objects.filter(group_id=shared.group.pk).exists(), model
    assert not file_path.exists()
    # The people, the funder and the other group stay.
    assert shared.member.__class__.objects.filter(pk=shared.member.pk).exists()
    assert shared.funder.__class__.objects.filter(pk=shared.funder.pk).exists()
    assert CommunityGroup.objects.filter(pk=shared.other_group.pk).exists()
    assert other_path.exists()


def test_a_group_reopened_is_never_purged(world, settings):
    settings.LEARNING_CLOSED_GROUP_RETENTION_DAYS = 30
    CommunityGroup.objects.filter(pk=world.group.pk).update(closed_at=timezone.now() - timedelta(days=400))
    world.group.refresh_from_db()
    closing.reopen_group(group=world.group, by=world.staff)
    out = StringIO()
    call_command("purge_closed_groups", stdout=out)
    assert "Nothing to remove" in out.getvalue()
    assert CommunityGroup.objects.filter(pk=world.group.pk).exists()
