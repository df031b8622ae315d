"""Starting a group, invitations (single use, expiring), roles, leaving, facilitators."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import AssignmentStatus, CommunityGroup, FacilitatorAssignment, Invitation, Membership

from .factories import make_group, make_person

pytestmark = pytest.mark.django_db


def test_a_signed_in_person_starts_a_group_and_becomes_its_coordinator(client):
    person = make_person()
    client.force_login(person)
    response = client.post(reverse("learning:group_create"), {"name": "New", "place": "fife", "description": ""})
    group = CommunityGroup.objects.get(name="New")
    assert response.status_code == 302 and response["Location"] == group.get_absolute_url()
    assert Membership.objects.get(group=group, user=person).role == "coordinator"
    # A second group with the same name, or a reserved name, gets its own address.
    client.post(reverse("learning:group_create"), {"name": "New"})
    assert CommunityGroup.objects.filter(name="New").count() == 2
    assert CommunityGroup.objects.filter(slug="new").exists() is False


def test_the_group_form_redisplays_with_errors_and_text_kept(client):
    client.force_login(make_person())
    response = client.post(reverse("learning:group_create"), {"name": "", "description": "Keep this text"})
    assert response.status_code == 200
    assert b"Keep this text" in response.content and b"There is a problem" in response.content


def test_an_invitation_works_once(client):
    group = make_group()
    client.force_login(group.coordinator)
    client.post(reverse("learning:invite", args=[group.slug]), {"role": "member"})
    invitation = Invitation.objects.get(group=group)
    page = client.get(reverse("learning:members", args=[group.slug]))
    assert invitation.token.encode() in page.content
    newcomer, second = make_person(), make_person()
    client.force_login(newcomer)
    url = reverse("learning:join_group", args=[invitation.token])
    assert client.get(url).status_code == 200
    assert not Membership.objects.filter(user=newcomer).exists()  # GET never joins
    client.post(url)
    assert Membership.objects.active().get(user=newcomer, group=group).role == "member"
    client.force_login(second)
    client.post(url)
    assert not Membership.objects.filter(user=second).exists()
    assert b"expired or has already been used" in client.get(url).content


def test_an_expired_invitation_does_not_work(client):
    group = make_group()
    invitation = Invitation.objects.create(group=group, expires_at=timezone.now() - timedelta(minutes=1))
    person = make_person()
    client.force_login(person)
    client.post(reverse("learning:join_group", args=[invitation.token]))
    assert not Membership.objects.filter(user=person).exists()
    assert client.get(reverse("learning:join_group", args=["no-such-token"])).status_code == 404


def test_a_group_always_keeps_a_coordinator(client):
    group = make_group(members=1)
    client.force_login(group.coordinator)
    own = Membership.objects.get(group=group, user=group.coordinator)
    client.post(reverse("learning:change_role", args=[group.slug, own.pk]), {"role": "member"})
    own.refresh_from_db()
    assert own.role == "coordinator"
    client.post(reverse("learning:leave_group", args=[group.slug]))
    own.refresh_from_db()
    assert own.left is None
    other = Membership.objects.get(group=group, user=group.people[0])
    client.post(reverse("learning:change_role", args=[group.slug, other.pk]), {"role": "coordinator"})
    client.post(reverse("learning:leave_group", args=[group.slug]))
    own.refresh_from_db()
    assert own.left is not None
    # History is kept: the row stays, and the person can be invited back later.
    assert Membership.objects.filter(group=group, user=group.coordinator).count() == 1


def test_a_coordinator_removes_a_member(client):
    group = make_group(members=1)
    client.force_login(group.coordinator)
    membership = Membership.objects.get(group=group, user=group.people[0])
    url = reverse("learning:remove_member", args=[group.slug, membership.pk])
    assert client.get(url).status_code == 200
    client.post(url)
    membership.refresh_from_db()
    assert membership.left is not None


def test_the_coordinator_accepts_a_proposed_facilitator_who_then_sees_the_group(client):
    group = make_group()
    facilitator = make_person()
    assignment = FacilitatorAssignment.objects.create(group=group, facilitator=facilitator)
    client.force_login(facilitator)
    assert client.get(group.get_absolute_url()).status_code == 404
    client.force_login(group.coordinator)
    assert b"has been proposed" in client.get(group.get_absolute_url()).content
    client.post(reverse("learning:accept_facilitator", args=[group.slug, assignment.pk]))
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACTIVE and assignment.accepted_by == group.coordinator
    client.force_login(facilitator)
    assert client.get(group.get_absolute_url()).status_code == 200
    assert client.get(reverse("learning:members", args=[group.slug])).status_code == 403
    listing = client.get(reverse("learning:group_list"))
    assert b"Groups you support as a facilitator" in listing.content


def test_group_list_shows_only_your_groups(client):
    mine, theirs = make_group(name="Mine"), make_group(name="Theirs")
    client.force_login(mine.coordinator)
    content = client.get(reverse("learning:group_list")).content
    assert b"Mine" in content and b"Theirs" not in content
    assert theirs


def test_erased_people_show_as_a_former_member(client):
    from learning.services import evidence

    group = make_group(members=1)
    step = None
    from .factories import make_pathway, steps_of

    pathway = make_pathway(stages=1, steps_per_stage=1)
    step = steps_of(pathway)[0]
    from learning.services import progress

    progress.enrol(group=group, pathway=pathway, by=group.coordinator)
    progress.mark_done(group=group, step=step, by=group.people[0])
    evidence.add_reflection(group=group, step=step, by=group.people[0], text="Our thoughts")
    group.people[0].delete()
    client.force_login(group.coordinator)
    assert b"A former member" in client.get(group.get_absolute_url()).content
    assert b"A former member" in client.get(f"{step.url}?group={group.slug}").content
