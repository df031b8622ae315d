"""Email confirmation flow and erasing a person's personal data."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import services
from learning.models import (
    ActivityEntry,
    ActivityVerb,
    AssignmentStatus,
    FacilitatorAssignment,
    Membership,
    PathwayProgress,
    Role,
)
from learning.services import progress
from tests.learning.factories import assign_facilitator, make_group, make_pathway, steps_of


def sign_up(client, email="new@example.org"):
    return client.post(
        reverse("accounts:signup"),
        {
            "email": email,
            "display_name": "New",
            "password1": "a-long-test-password",
            "password2": "a-long-test-password",
        },
    )


def link_from_last_email():
    return re.search(r"http://testserver(/accounts/confirm/[^\s]+/)", mail.outbox[-1].body).group(1)


@pytest.mark.django_db
def test_sign_up_emails_a_confirmation_link_that_confirms_on_post(client, site_shell):
    sign_up(client)
    user = get_user_model().objects.get(email="new@example.org")
    assert user.email_confirmed_at is None
    assert mail.outbox[-1].to == ["new@example.org"]
    link = link_from_last_email()
    response = client.get(link)
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.email_confirmed_at is None, "a GET must not change anything"
    client.post(link)
    user.refresh_from_db()
    assert user.email_confirmed_at is not None


@pytest.mark.django_db
def test_confirming_while_signed_in_lands_home_where_a_person_with_no_group_reads_the_two_ways_in(
    client, make_user, site_shell
):
    user = make_user(email="a@example.org", email_confirmed_at=None)
    client.force_login(user)
    response = client.post(reverse("accounts:confirm_email", args=[services.confirmation_token(user)]))
    assert response["Location"] == reverse("learning:group_list")
    page = client.get(response["Location"]).content.decode()
    assert "Thank you. Your email address is confirmed." in page
    assert "Two ways into a group" in page and "Start a new group" in page


@pytest.mark.django_db
def test_a_forged_or_outdated_link_is_refused(client, make_user, site_shell):
    user = make_user(email="a@example.org", email_confirmed_at=None)
    token = services.confirmation_token(user)
    assert client.get(reverse("accounts:confirm_email", args=[token + "x"])).status_code == 400
    user.email = "changed@example.org"
    user.save()
    assert client.post(reverse("accounts:confirm_email", args=[token])).status_code == 400
    user.refresh_from_db()
    assert user.email_confirmed_at is None


@pytest.mark.django_db
def test_resend_confirmation(client, make_user, site_shell):
    user = make_user(email="a@example.org", email_confirmed_at=None)
    client.force_login(user)
    response = client.post(reverse("accounts:resend_confirmation"))
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["a@example.org"]
    assert client.get(reverse("accounts:resend_confirmation")).status_code == 405


@pytest.mark.django_db
def test_sign_in_can_require_a_confirmed_address(client, make_user, site_shell, settings):
    settings.ACCOUNTS_REQUIRE_EMAIL_CONFIRMATION = True
    user = make_user(email="a@example.org", password="a-long-test-password", email_confirmed_at=None)
    data = {"username": "a@example.org", "password": "a-long-test-password"}
    response = client.post(reverse("accounts:login"), data)
    assert response.status_code == 200
    assert "confirm your email address first" in response.content.decode()
    services.confirm_email(user=user)
    assert client.post(reverse("accounts:login"), data).status_code == 302


@pytest.mark.django_db
def test_erasing_personal_data_keeps_the_row_and_shows_a_former_member(client, make_user, site_shell):
    user = make_user(email="leaver@example.org", display_name="Lee", password="a-long-test-password")
    client.force_login(user)
    response = client.post(reverse("accounts:erase"), {"password": "a-long-test-password", "understood": "on"})
    assert response.status_code == 200
    assert "has been erased" in response.content.decode()
    user.refresh_from_db()
    assert user.erased_at is not None
    assert "leaver" not in user.email and user.display_name == ""
    assert str(user) == "A former member"
    assert not user.is_active and not user.has_usable_password()
    assert client.get(reverse("accounts:account")).status_code == 302  # signed out


@pytest.mark.django_db
def test_erasure_needs_the_password_and_keeps_the_form(client, make_user, site_shell):
    user = make_user(email="leaver@example.org", password="a-long-test-password")
    client.force_login(user)
    response = client.post(reverse("accounts:erase"), {"password": "wrong", "understood": "on"})
    assert response.status_code == 200
    assert "That is not your password" in response.content.decode()
    user.refresh_from_db()
    assert user.erased_at is None


@pytest.mark.django_db
def test_erasing_twice_is_harmless(make_user):
    user = make_user()
    services.erase_personal_data(user=user)
    first = get_user_model().objects.get(pk=user.pk).erased_at
    services.erase_personal_data(user=user)
    assert get_user_model().objects.get(pk=user.pk).erased_at == first


@pytest.mark.django_db
def test_erasure_leaves_each_group_through_its_rules_and_keeps_its_progress(client, site_shell):
    pathway = make_pathway(stages=1, steps_per_stage=2)
    group, other = make_group(members=1), make_group()
    leaver = group.people[0]
    Membership.objects.create(user=leaver, group=other, role=Role.MEMBER)
    supported, proposed = make_group(), make_group()
    assign_facilitator(supported, facilitator=leaver)
    assign_facilitator(proposed, facilitator=leaver, status=AssignmentStatus.PROPOSED)
    progress.enrol(group=group, pathway=pathway, by=group.coordinator)
    progress.mark_done(group=group, step=steps_of(pathway)[0], by=leaver)

    client.force_login(leaver)
    response = client.post(reverse("accounts:erase"), {"password": "a-long-test-password", "understood": "on"})
    assert "has been erased" in response.content.decode()

    assert not Membership.objects.active().filter(user=leaver).exists()
    left = ActivityEntry.objects.filter(verb=ActivityVerb.LEFT).select_related("actor")
    assert sorted(entry.group_id for entry in left) == sorted([group.pk, other.pk])
    assert {str(entry.actor) for entry in left} == {"A former member"}
    statuses = FacilitatorAssignment.objects.filter(facilitator=leaver).values_list("status", flat=True)
    assert sorted(statuses) == [AssignmentStatus.ENDED, AssignmentStatus.ENDED]
    summary = PathwayProgress.objects.get(group=group, pathway=pathway)
    assert (summary.done, summary.total) == (1, 2)


@pytest.mark.django_db
def test_erasure_refuses_to_leave_a_group_without_a_coordinator():
    group = make_group(members=1)
    with pytest.raises(ValidationError):
        services.erase_personal_data(user=group.coordinator)
    group.coordinator.refresh_from_db()
    assert group.coordinator.erased_at is None
    assert Membership.objects.active().filter(user=group.coordinator, group=group).exists()
