"""A person's places (memberships and facilitator assignments) are read in one query (issue 14).

The same answers as before the two were read together: a member's role, a facilitator with no role, someone
both member and facilitator of one group, closed groups kept apart, a left membership and an ended
assignment gone, and a change seen once the kept places are forgotten.
"""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from learning import permissions
from learning.models import AssignmentStatus, Role
from tests.learning.factories import assign_facilitator, make_group, make_person

pytestmark = pytest.mark.django_db


def fresh(person):
    """The person as a new request loads them: nothing kept yet."""
    return get_user_model().objects.get(pk=person.pk)


def test_memberships_and_assignments_come_in_one_query(django_assert_num_queries):
    person = make_person()
    coordinating = make_group(coordinator=person, name="Alder Street")
    facilitated = make_group(name="Birch Lane")
    assign_facilitator(facilitated, person)
    user = fresh(person)
    with django_assert_num_queries(1):
        places = permissions.places(user)
        assert permissions.access(user, coordinating).is_coordinator
        assert permissions.access(user, facilitated).is_facilitator
        assert not permissions.access(user, facilitated).is_member
        assert permissions.get_group_or_404(user, facilitated.slug).pk == facilitated.pk
    assert {place.group.name for place in places} == {"Alder Street", "Birch Lane"}


def test_a_member_who_also_facilitates_the_group_has_one_place_with_both():
    person = make_person()
    group = make_group(name="Cedar Court")
    group.memberships.create(user=person, role=Role.MEMBER)
    assign_facilitator(group, person)
    user = fresh(person)
    found = permissions.access(user, group)
    assert (found.role, found.is_facilitator) == (Role.MEMBER, True)
    member_of, facilitated = permissions.places(user).open_groups()
    assert [group.name for group in member_of] == ["Cedar Court"] and facilitated == []
    assert member_of[0].my_role == Role.MEMBER


def test_the_group_read_with_the_place_is_whole():
    person = make_person()
    group = make_group(coordinator=person, name="Damson Row")
    group.place = "Glasgow City"
    group.save()
    place = next(iter(permissions.places(fresh(person))))
    assert (place.group.pk, place.group.name, place.group.slug, place.group.place) == (
        group.pk,
        "Damson Row",
        group.slug,
        "Glasgow City",
    )
    assert place.group.created == group.created and place.group.closed_at is None
    assert not place.group._state.adding


def test_left_memberships_ended_assignments_and_closed_groups_are_kept_apart():
    person = make_person()
    left = make_group(name="Elm Gardens")
    left.memberships.create(user=person, role=Role.MEMBER, left=timezone.now())
    ended = make_group(name="Fir Park")
    assign_facilitator(ended, person, status=AssignmentStatus.ENDED)
    closed = make_group(coordinator=person, name="Gean Place")
    closed.closed_at = timezone.now()
    closed.save()
    user = fresh(person)
    assert not permissions.access(user, left).is_member
    assert not permissions.access(user, ended).is_facilitator
    assert permissions.access(user, closed).closed
    assert permissions.places(user).open_groups() == ([], [])
    assert not permissions.is_active_facilitator(user)


def test_a_new_place_shows_once_the_kept_places_are_forgotten():
    person = make_person()
    group = make_group(name="Hazel Walk")
    user = fresh(person)
    assert not permissions.access(user, group).is_member
    group.memberships.create(user=person, role=Role.COORDINATOR)
    permissions.forget_access(user)
    assert permissions.access(user, group).is_coordinator
