"""Safe invitations (issue 12, item 2).

A link can be bound to one email address, and a coordinator's always is; a person's open links stop
working when they stop being coordinator, leave or are removed (cancelled, never deleted); the
members page says who made each link, for whom and until when, and only coordinators see it.
"""

import re
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from learning.models import Invitation, Membership, Role
from learning.services import groups as group_services

from .factories import make_group, make_person

pytestmark = pytest.mark.django_db

NOT_YOURS = "This invitation was made for someone else"


def members_url(group):
    return reverse("learning:members", args=[group.slug])


def join(client, invitation):
    return client.post(reverse("learning:join_group", args=[invitation.token]))


def active_role(user, group):
    membership = Membership.objects.active().filter(user=user, group=group).first()
    return membership.role if membership else None


# --- Bound links -----------------------------------------------------------------------------------


def test_a_link_bound_to_an_address_refuses_another_confirmed_account_without_naming_the_address(client):
    group = make_group()
    invitation = group_services.create_invitation(
        group=group, role=Role.MEMBER, email="Invited.Person@example.org ", by=group.coordinator
    )
    assert invitation.email == "invited.person@example.org"
    stranger = make_person(email="stranger@example.org")
    client.force_login(stranger)

    page = client.get(invitation.get_absolute_url()).content.decode()
    assert NOT_YOURS in page
    assert "invited.person" not in page.lower()
    assert "Join the group" not in page
    join(client, invitation)

    assert active_role(stranger, group) is None
    invitation.refresh_from_db()
    assert invitation.used_at is None, "the right person can still use it"
    with pytest.raises(ValidationError, match="someone else's email address"):
        group_services.accept_invitation(token=invitation.token, user=stranger)

    invited = make_person(email="INVITED.person@example.org")
    client.force_login(invited)
    assert join(client, invitation).status_code == 302
    assert active_role(invited, group) == Role.MEMBER


def test_a_bound_link_needs_the_address_to_be_confirmed(client):
    group = make_group()
    invitation = group_services.create_invitation(
        group=group, role=Role.MEMBER, email="sam@example.org", by=group.coordinator
    )
    # Someone registered sam@example.org but never showed it is theirs.
    claimant = make_person(email="sam@example.org", email_confirmed_at=None)
    client.force_login(claimant)
    assert "Confirm your email address first" in client.get(invitation.get_absolute_url()).content.decode()
    join(client, invitation)
    assert active_role(claimant, group) is None


def test_a_coordinator_link_must_be_bound_to_an_address(client):
    group = make_group()
    client.force_login(group.coordinator)

    response = client.post(reverse("learning:invite", args=[group.slug]), {"role": Role.COORDINATOR, "email": ""})

    assert response.status_code == 400
    html = response.content.decode()
    assert "a coordinator link works only for them" in html
    assert re.search(r'value="coordinator"[^>]*checked', html), "the choice made is kept"
    assert not Invitation.objects.exists()
    with pytest.raises(ValidationError, match="must be for one email address"):
        group_services.create_invitation(group=group, role=Role.COORDINATOR, by=group.coordinator)

    response = client.post(
        reverse("learning:invite", args=[group.slug]), {"role": Role.COORDINATOR, "email": "co@example.org"}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.email, invitation.created_by) == (
        Role.COORDINATOR,
        "co@example.org",
        group.coordinator,
    )


def test_a_mistyped_address_keeps_what_was_typed(client):
    group = make_group()
    client.force_login(group.coordinator)
    response = client.post(
        reverse("learning:invite", args=[group.slug]), {"role": Role.MEMBER, "email": "not-an-email"}
    )
    assert response.status_code == 400
    assert 'value="not-an-email"' in response.content.decode()
    assert not Invitation.objects.exists()


# --- Links die with their maker's coordinator role ---------------------------------------------------


def make_links(group, coordinator):
    open_link = group_services.create_invitation(group=group, role=Role.MEMBER, by=coordinator)
    coordinator_link = group_services.create_invitation(
        group=group, role=Role.COORDINATOR, email="accomplice@example.org", by=coordinator
    )
    return open_link, coordinator_link


def assert_cancelled_and_refused(client, group, invitations):
    accomplice = make_person(email="accomplice@example.org")
    client.force_login(accomplice)
    for invitation in invitations:
        invitation.refresh_from_db()
        assert invitation.cancelled_at is not None, "cancelled, and the row kept"
        page = client.get(invitation.get_absolute_url()).content.decode()
        assert "expired or has already been used" in page
        join(client, invitation)
        assert active_role(accomplice, group) is None
        with pytest.raises(ValidationError):
            group_services.accept_invitation(token=invitation.token, user=accomplice)


def test_a_removed_coordinators_links_are_cancelled_and_refused(client):
    group = make_group(members=1)
    second = group.people[0]
    Membership.objects.filter(user=second, group=group).update(role=Role.COORDINATOR)
    links = make_links(group, second)

    client.force_login(group.coordinator)
    membership = Membership.objects.get(user=second, group=group)
    client.post(reverse("learning:remove_member", args=[group.slug, membership.pk]))

    assert active_role(second, group) is None
    assert Invitation.objects.filter(pk__in=[link.pk for link in links]).count() == 2
    assert_cancelled_and_refused(client, group, links)
    # The removed coordinator cannot come back through their own link either.
    client.force_login(second)
    join(client, links[0])
    assert active_role(second, group) is None


def test_a_demoted_coordinators_links_are_cancelled_and_refused(client):
    group = make_group(members=1)
    second = group.people[0]
    Membership.objects.filter(user=second, group=group).update(role=Role.COORDINATOR)
    links = make_links(group, second)
    kept = group_services.create_invitation(group=group, role=Role.MEMBER, by=group.coordinator)

    client.force_login(group.coordinator)
    membership = Membership.objects.get(user=second, group=group)
    client.post(reverse("learning:change_role", args=[group.slug, membership.pk]), {"role": Role.MEMBER})

    assert active_role(second, group) == Role.MEMBER
    assert_cancelled_and_refused(client, group, links)
    kept.refresh_from_db()
    assert kept.cancelled_at is None, "the other coordinator's links still work"


def test_a_coordinator_who_leaves_takes_their_links_with_them(client):
    group = make_group(members=1)
    second = group.people[0]
    Membership.objects.filter(user=second, group=group).update(role=Role.COORDINATOR)
    links = make_links(group, second)

    client.force_login(second)
    client.post(reverse("learning:leave_group", args=[group.slug]))

    assert active_role(second, group) is None
    assert_cancelled_and_refused(client, group, links)


def test_a_link_whose_maker_lost_the_role_some_other_way_is_refused(client):
    group = make_group(members=1)
    second = group.people[0]
    Membership.objects.filter(user=second, group=group).update(role=Role.COORDINATOR)
    link = group_services.create_invitation(group=group, role=Role.MEMBER, by=second)
    # Changed straight in the database: the link is not cancelled, but it no longer stands.
    Membership.objects.filter(user=second, group=group).update(role=Role.MEMBER)

    newcomer = make_person()
    client.force_login(newcomer)
    assert "expired or has already been used" in client.get(link.get_absolute_url()).content.decode()
    join(client, link)
    assert active_role(newcomer, group) is None


def test_cancelling_a_link_by_hand_keeps_the_row(client):
    group = make_group()
    invitation = group_services.create_invitation(group=group, role=Role.MEMBER, by=group.coordinator)
    client.force_login(group.coordinator)

    client.post(reverse("learning:cancel_invitation", args=[group.slug, invitation.pk]))

    invitation.refresh_from_db()
    assert invitation.cancelled_at is not None
    assert invitation.token not in client.get(members_url(group)).content.decode()
    newcomer = make_person()
    client.force_login(newcomer)
    join(client, invitation)
    assert active_role(newcomer, group) is None


# --- The members page ------------------------------------------------------------------------------


def test_the_members_page_shows_who_made_each_link_for_whom_and_until_when(client):
    group = make_group(name="Oak Street")
    group.coordinator.display_name = "Chris"
    group.coordinator.save()
    member_link = group_services.create_invitation(group=group, role=Role.MEMBER, by=group.coordinator)
    bound = group_services.create_invitation(
        group=group, role=Role.COORDINATOR, email="co@example.org", by=group.coordinator
    )
    client.force_login(group.coordinator)

    html = client.get(members_url(group)).content.decode()

    today = timezone.localtime().strftime("%-d %B %Y")
    expires = timezone.localtime(bound.expires_at).strftime("%-d %B %Y")
    assert html.count(f"Made by Chris on {today}") == 2
    assert html.count(f"works until {expires}") == 2
    assert "only for co@example.org" in html
    assert "for anyone who has the link" in html
    for invitation in (member_link, bound):
        assert f'value="http://testserver/groups/join/{invitation.token}/"' in html


def test_each_link_can_be_sent_from_a_phone_by_email(client):
    group = make_group(name="Oak Street")
    bound = group_services.create_invitation(
        group=group, role=Role.COORDINATOR, email="co@example.org", by=group.coordinator
    )
    client.force_login(group.coordinator)
    html = client.get(members_url(group)).content.decode()

    mailto = re.search(r'href="(mailto:[^"]+)"', html).group(1).replace("&amp;", "&")
    parsed = urlparse(mailto)
    assert unquote(parsed.path) == "co@example.org"
    message = parse_qs(parsed.query)
    assert message["subject"] == ["Join Oak Street on the Co-production Hub"]
    assert f"http://testserver/groups/join/{bound.token}/" in message["body"][0]
    assert "as a coordinator" in message["body"][0]


def test_only_coordinators_see_open_links(client):
    group = make_group(members=1)
    invitation = group_services.create_invitation(group=group, role=Role.MEMBER, by=group.coordinator)
    member = group.people[0]
    client.force_login(member)
    assert client.get(members_url(group)).status_code == 403
    assert invitation.token not in client.get(group.get_absolute_url()).content.decode()
    response = client.post(reverse("learning:invite", args=[group.slug]), {"role": Role.MEMBER})
    assert response.status_code == 403
    assert Invitation.objects.count() == 1
