"""The Wagtail admin keeps the group rules: memberships, enrolments and facilitators change through the services."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.log_actions import registry as log_registry

from learning.models import (
    ActivityEntry,
    ActivityVerb,
    AssignmentStatus,
    Enrolment,
    FacilitatorAssignment,
    Membership,
    PathwayProgress,
    Role,
)
from learning.services import groups, progress

from .factories import assign_facilitator, make_group, make_pathway, make_person

pytestmark = pytest.mark.django_db


def form_errors(response):
    """Every error the admin form shows, as one string (a refused rule shows here, not as a 500)."""
    assert response.status_code == 200, "the form should come back with an error"
    form = response.context["form"]
    assert form.errors
    return " ".join(str(message) for messages in form.errors.values() for message in messages)


def logged_by(instance, user, action):
    return log_registry.get_logs_for_instance(instance).filter(user=user, action=action).exists()


# --- Enrolments -----------------------------------------------------------------------------------


def test_enrolling_in_the_admin_starts_the_groups_progress_and_notes_who_did_it(admin_client, superuser):
    pathway = make_pathway(stages=1, steps_per_stage=3)
    group = make_group()
    response = admin_client.post(reverse("enrolment:add"), {"group": group.pk, "pathway": pathway.pk})
    assert response.status_code == 302
    summary = PathwayProgress.objects.get(group=group, pathway=pathway)
    assert (summary.done, summary.total, summary.percent) == (0, 3, 0)
    entry = ActivityEntry.objects.get(group=group, verb=ActivityVerb.ENROLLED)
    assert entry.actor == superuser and entry.pathway_id == pathway.pk
    assert Enrolment.objects.get(group=group, pathway=pathway).enrolled_by == superuser


def test_enrolling_twice_in_the_admin_is_a_form_error(admin_client):
    pathway = make_pathway(stages=1, steps_per_stage=1)
    group = make_group()
    data = {"group": group.pk, "pathway": pathway.pk}
    admin_client.post(reverse("enrolment:add"), data)
    assert "already started" in form_errors(admin_client.post(reverse("enrolment:add"), data))
    assert Enrolment.objects.filter(group=group, pathway=pathway).count() == 1
    assert ActivityEntry.objects.filter(group=group, verb=ActivityVerb.ENROLLED).count() == 1


def test_staff_enrolling_again_through_the_service_changes_nothing(superuser):
    pathway = make_pathway(stages=1, steps_per_stage=1)
    group = make_group()
    first = progress.enrol(group=group, pathway=pathway, by=superuser)
    assert progress.enrol(group=group, pathway=pathway, by=superuser) == first
    assert ActivityEntry.objects.filter(group=group, verb=ActivityVerb.ENROLLED).count() == 1


def test_an_enrolment_cannot_be_edited_in_the_admin(admin_client):
    pathway, other_pathway = make_pathway(stages=1, steps_per_stage=1), make_pathway(stages=1, steps_per_stage=1)
    group = make_group()
    admin_client.post(reverse("enrolment:add"), {"group": group.pk, "pathway": pathway.pk})
    enrolment = Enrolment.objects.get(group=group)
    admin_client.post(reverse("enrolment:edit", args=[enrolment.pk]), {"group": group.pk, "pathway": other_pathway.pk})
    enrolment.refresh_from_db()
    assert enrolment.pathway_id == pathway.pk
    # The listing links to a read-only page instead.
    assert admin_client.get(reverse("enrolment:inspect", args=[enrolment.pk])).status_code == 200


# --- Memberships ----------------------------------------------------------------------------------


def test_adding_a_member_in_the_admin_goes_through_the_service(admin_client, superuser):
    group = make_group()
    person = make_person()
    data = {"user": person.pk, "group": group.pk, "role": Role.MEMBER}
    assert admin_client.post(reverse("membership:add"), data).status_code == 302
    membership = Membership.objects.active().get(user=person, group=group)
    assert membership.role == Role.MEMBER
    assert ActivityEntry.objects.filter(group=group, verb=ActivityVerb.JOINED, actor=person).count() == 1
    assert logged_by(membership, superuser, "wagtail.create")
    # An active membership is never doubled, whatever the role asked for.
    again = admin_client.post(reverse("membership:add"), {**data, "role": Role.COORDINATOR})
    assert "already a member" in form_errors(again)
    assert Membership.objects.filter(user=person, group=group).count() == 1
    assert ActivityEntry.objects.filter(group=group, verb=ActivityVerb.JOINED).count() == 1


def test_the_last_coordinator_cannot_be_demoted_or_ended_in_the_admin(admin_client):
    group = make_group(members=1)
    own = Membership.objects.get(group=group, user=group.coordinator)
    url = reverse("membership:edit", args=[own.pk])
    assert "at least one coordinator" in form_errors(admin_client.post(url, {"role": Role.MEMBER}))
    own.refresh_from_db()
    assert own.role == Role.COORDINATOR
    response = admin_client.post(url, {"role": Role.COORDINATOR, "end_membership": "on"})
    assert "at least one coordinator" in form_errors(response)
    own.refresh_from_db()
    assert own.left is None
    assert not ActivityEntry.objects.filter(group=group, verb=ActivityVerb.LEFT).exists()


def test_changing_a_role_in_the_admin_works_while_another_coordinator_stays(admin_client, superuser):
    group = make_group(members=1)
    member = Membership.objects.get(group=group, user=group.people[0])
    own = Membership.objects.get(group=group, user=group.coordinator)
    assert (
        admin_client.post(reverse("membership:edit", args=[member.pk]), {"role": Role.COORDINATOR}).status_code == 302
    )
    assert admin_client.post(reverse("membership:edit", args=[own.pk]), {"role": Role.MEMBER}).status_code == 302
    member.refresh_from_db()
    own.refresh_from_db()
    assert (member.role, own.role) == (Role.COORDINATOR, Role.MEMBER)
    assert logged_by(member, superuser, "wagtail.edit") and logged_by(own, superuser, "wagtail.edit")


def test_ending_a_membership_in_the_admin_keeps_the_row_and_notes_the_leaving(admin_client, superuser):
    group = make_group(members=1)
    member = Membership.objects.get(group=group, user=group.people[0])
    url = reverse("membership:edit", args=[member.pk])
    assert admin_client.post(url, {"role": Role.MEMBER, "end_membership": "on"}).status_code == 302
    member.refresh_from_db()
    assert member.left is not None
    assert ActivityEntry.objects.filter(group=group, verb=ActivityVerb.LEFT, actor=member.user).count() == 1
    assert logged_by(member, superuser, "wagtail.edit")
    # An ended membership stays as it was: a later save changes neither its role nor its end.
    left = member.left
    admin_client.post(url, {"role": Role.COORDINATOR})
    member.refresh_from_db()
    assert (member.role, member.left) == (Role.MEMBER, left)


def test_a_membership_cannot_be_moved_to_another_person_or_group_in_the_admin(admin_client):
    group, other_group = make_group(members=1), make_group()
    member = Membership.objects.get(group=group, user=group.people[0])
    data = {"role": Role.MEMBER, "user": group.coordinator.pk, "group": other_group.pk, "joined": "2024-01-01 10:00"}
    admin_client.post(reverse("membership:edit", args=[member.pk]), data)
    member.refresh_from_db()
    assert (member.user_id, member.group_id) == (group.people[0].pk, group.pk)


def test_ending_a_membership_twice_notes_the_leaving_once(superuser):
    group = make_group(members=1)
    member = Membership.objects.get(group=group, user=group.people[0])
    groups.end_membership(membership=member, by=superuser)
    groups.end_membership(membership=member, by=superuser)
    assert ActivityEntry.objects.filter(group=group, verb=ActivityVerb.LEFT).count() == 1


# --- Facilitator assignments -----------------------------------------------------------------------


def test_a_facilitator_assignment_moves_only_along_its_transitions(admin_client, superuser):
    group = make_group()
    facilitator = make_person()
    add = reverse("facilitatorassignment:add")
    assert "valid choice" in form_errors(
        admin_client.post(add, {"facilitator": facilitator.pk, "group": group.pk, "status": AssignmentStatus.ENDED})
    )
    data = {"facilitator": facilitator.pk, "group": group.pk, "status": AssignmentStatus.PROPOSED}
    assert admin_client.post(add, data).status_code == 302
    assignment = FacilitatorAssignment.objects.get(group=group, facilitator=facilitator)
    assert assignment.status == AssignmentStatus.PROPOSED
    assert "already" in form_errors(admin_client.post(add, data))

    url = reverse("facilitatorassignment:edit", args=[assignment.pk])

    def status_after(status):
        admin_client.post(url, {"status": status})
        assignment.refresh_from_db()
        return assignment.status

    assert "valid choice" in form_errors(admin_client.post(url, {"status": "anything"}))
    assert status_after(AssignmentStatus.ACTIVE) == AssignmentStatus.ACTIVE
    assert assignment.accepted_by == superuser and assignment.accepted_at is not None
    assert "valid choice" in form_errors(admin_client.post(url, {"status": AssignmentStatus.PROPOSED}))
    assert status_after(AssignmentStatus.ENDED) == AssignmentStatus.ENDED
    assert assignment.ended_at is not None
    assert status_after(AssignmentStatus.ACTIVE) == AssignmentStatus.ENDED
    assert logged_by(assignment, superuser, "wagtail.edit")


def test_the_facilitator_status_service_refuses_a_move_it_does_not_allow(superuser):
    group = make_group()
    assignment = FacilitatorAssignment.objects.get(facilitator=assign_facilitator(group), group=group)
    with pytest.raises(ValidationError):
        groups.move_facilitator_assignment(assignment=assignment, status=AssignmentStatus.PROPOSED, by=superuser)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACTIVE


def test_a_facilitator_can_be_made_active_when_added_in_the_admin(admin_client, superuser):
    group = make_group()
    facilitator = make_person()
    data = {"facilitator": facilitator.pk, "group": group.pk, "status": AssignmentStatus.ACTIVE}
    assert admin_client.post(reverse("facilitatorassignment:add"), data).status_code == 302
    assignment = FacilitatorAssignment.objects.get(group=group, facilitator=facilitator)
    assert (assignment.status, assignment.accepted_by) == (AssignmentStatus.ACTIVE, superuser)


# --- Deleting -------------------------------------------------------------------------------------


@pytest.mark.parametrize("viewset", ["membership", "enrolment", "facilitatorassignment"])
def test_the_admin_does_not_delete_what_a_group_would_miss(admin_client, superuser, viewset):
    pathway = make_pathway(stages=1, steps_per_stage=1)
    group = make_group()
    assign_facilitator(group)
    progress.enrol(group=group, pathway=pathway, by=superuser)
    model = {"membership": Membership, "enrolment": Enrolment, "facilitatorassignment": FacilitatorAssignment}[viewset]
    row = model.objects.get(group=group)
    url = reverse(f"{viewset}:delete", args=[row.pk])
    admin_client.post(url)
    assert model.objects.filter(pk=row.pk).exists()
    listing = admin_client.get(reverse(f"{viewset}:index")).content.decode()
    assert url not in listing


def test_the_forms_show_what_cannot_change_read_only_and_say_why(admin_client, superuser):
    group = make_group(members=1)
    member = Membership.objects.get(group=group, user=group.people[0])
    assignment = FacilitatorAssignment.objects.get(facilitator=assign_facilitator(group), group=group)
    for name in ("membership:add", "enrolment:add", "facilitatorassignment:add"):
        assert admin_client.get(reverse(name)).status_code == 200
    page = admin_client.get(reverse("membership:edit", args=[member.pk])).content.decode()
    assert 'name="user"' not in page and 'name="group"' not in page
    assert "end this membership and add a new one" in page and 'name="end_membership"' in page
    page = admin_client.get(reverse("facilitatorassignment:edit", args=[assignment.pk])).content.decode()
    assert 'name="facilitator"' not in page and "add a new assignment" in page
    assert 'value="proposed"' not in page and 'value="ended"' in page
    groups.end_membership(membership=member, by=superuser)
    page = admin_client.get(reverse("membership:edit", args=[member.pk])).content.decode()
    assert "This membership has ended" in page and 'name="end_membership"' not in page
