"""Verified email before access (issue 12, item 1).

An account must confirm its address before it starts or joins a group, redeems an invitation, is
made a funder reviewer or facilitator, or sends a story; the person who is stopped is told what to do
and brought back afterwards. Sign-up and password reset never say whether an address is registered.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from learning.models import AssignmentStatus, CommunityGroup, FacilitatorAssignment, Membership, Role
from learning.readiness.models import FunderOrganisation
from learning.readiness.services import sharing
from learning.services import groups as group_services
from resources.models import CaseStudyPage
from tests.learning.factories import make_group, make_person
from tests.resources.factories import make_case_study_index

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
CONFIRM_FIRST = "Confirm your email address first"


@pytest.fixture
def unconfirmed(db):
    return make_person(email="sam@example.org", email_confirmed_at=None)


@pytest.fixture
def staff(db):
    return make_person(email="staff@example.org", is_staff=True, is_superuser=True)


def confirmation_link():
    found = re.search(r"http://testserver(/accounts/confirm/\S+)", mail.outbox[-1].body)
    assert found, mail.outbox[-1].body
    return found.group(1)


# --- Starting a group ------------------------------------------------------------------------------


def test_an_unconfirmed_account_cannot_start_a_group_and_is_told_what_to_do(client, unconfirmed):
    client.force_login(unconfirmed)
    page = client.get(reverse("learning:group_create"))
    html = page.content.decode()
    assert page.status_code == 403
    assert CONFIRM_FIRST in html
    assert "sam@example.org" in html
    assert reverse("accounts:resend_confirmation") in html
    assert 'name="next" value="/groups/new/"' in html

    response = client.post(reverse("learning:group_create"), {"name": "Sam's group", "legal_form": "none"})
    assert response.status_code == 403
    assert not CommunityGroup.objects.exists()
    with pytest.raises(PermissionDenied):
        group_services.create_group(by=unconfirmed, name="Sam's group", slug="sams-group")
    assert not CommunityGroup.objects.exists()


def test_the_new_link_brings_the_person_back_to_the_page_they_were_on(client, unconfirmed):
    client.force_login(unconfirmed)
    response = client.post(reverse("accounts:resend_confirmation"), {"next": "/groups/new/"})
    assert response.status_code == 302
    assert response["Location"] == "/groups/new/"
    assert mail.outbox[-1].to == ["sam@example.org"]
    link = confirmation_link()
    assert "next=%2Fgroups%2Fnew%2F" in link

    confirmed = client.post(link)

    assert confirmed["Location"] == "/groups/new/"
    unconfirmed.refresh_from_db()
    assert unconfirmed.email_confirmed_at is not None
    page = client.get("/groups/new/")
    assert page.status_code == 200
    assert CONFIRM_FIRST not in page.content.decode()


def test_the_resend_button_never_sends_a_person_to_another_site(client, unconfirmed):
    client.force_login(unconfirmed)
    response = client.post(reverse("accounts:resend_confirmation"), {"next": "https://evil.example.com/"})
    assert response["Location"] == reverse("accounts:account")
    assert "evil" not in mail.outbox[-1].body


def test_confirming_while_signed_out_goes_to_sign_in_and_then_back(client, unconfirmed):
    client.force_login(unconfirmed)
    client.post(reverse("accounts:resend_confirmation"), {"next": "/stories/new/"})
    link = confirmation_link()
    client.logout()
    response = client.post(link)
    assert response["Location"] == reverse("accounts:login") + "?next=%2Fstories%2Fnew%2F"


# --- Invitations -----------------------------------------------------------------------------------


def test_an_unconfirmed_account_cannot_redeem_an_invitation(client, unconfirmed):
    group = make_group(name="Oak Street")
    invitation = group_services.create_invitation(group=group, role=Role.MEMBER, by=group.coordinator)
    client.force_login(unconfirmed)
    page = client.get(invitation.get_absolute_url()).content.decode()
    assert CONFIRM_FIRST in page
    assert "Join the group" not in page

    client.post(invitation.get_absolute_url())

    assert not Membership.objects.filter(user=unconfirmed).exists()
    invitation.refresh_from_db()
    assert invitation.used_at is None, "the link still works for when they have confirmed"
    with pytest.raises(ValidationError, match="Confirm your email address first"):
        group_services.accept_invitation(token=invitation.token, user=unconfirmed)

    confirm(unconfirmed)
    response = client.post(invitation.get_absolute_url())
    assert response.status_code == 302
    assert Membership.objects.filter(user=unconfirmed, group=group, left__isnull=True).exists()


def confirm(user):
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["email_confirmed_at"])


def test_staff_cannot_put_an_unconfirmed_account_in_a_group(client, staff, unconfirmed):
    group = make_group()
    client.force_login(staff)
    response = client.post(reverse("membership:add"), {"group": group.pk, "user": unconfirmed.pk, "role": Role.MEMBER})
    assert response.status_code == 200
    assert "has not confirmed their email address yet" in response.content.decode()
    assert not Membership.objects.filter(user=unconfirmed).exists()


# --- Facilitators and funder reviewers -------------------------------------------------------------


def test_an_unconfirmed_account_cannot_be_made_a_facilitator(client, staff, unconfirmed):
    group = make_group()
    with pytest.raises(ValidationError, match="has not confirmed their email address"):
        group_services.propose_facilitator(group=group, facilitator=unconfirmed, by=staff)

    client.force_login(staff)
    data = {"facilitator": unconfirmed.pk, "group": group.pk, "status": AssignmentStatus.PROPOSED}
    response = client.post(reverse("facilitatorassignment:add"), data)
    assert response.status_code == 200
    assert "has not confirmed their email address yet" in response.content.decode()
    assert not FacilitatorAssignment.objects.exists()


def funder_form(reviewers):
    data = nested_form_data(
        {
            "name": "Coast Community Fund",
            "slug": "coast-community-fund",
            "description": "",
            "website": "",
            "thresholds": inline_formset([]),
            "requirements": inline_formset([]),
        }
    )
    # A multiple choice is one key with several values (nested_form_data would number them).
    data["reviewers"] = [person.pk for person in reviewers]
    return data


def test_an_unconfirmed_account_cannot_be_made_a_funder_reviewer(client, staff, unconfirmed):
    """Someone who registered officer@funder.org before the real officer must not be picked as its reviewer."""
    client.force_login(staff)
    add = reverse("wagtailsnippets_readiness_funderorganisation:add")

    response = client.post(add, funder_form([unconfirmed]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "cannot be a reviewer yet: they have not confirmed their email address" in html
    assert "sam@example.org" in html
    assert not FunderOrganisation.objects.exists()

    confirmed = make_person(email="officer@coastfund.org")
    assert client.post(add, funder_form([confirmed])).status_code == 302
    funder = FunderOrganisation.objects.get()
    assert list(funder.reviewers.all()) == [confirmed]

    edit = reverse("wagtailsnippets_readiness_funderorganisation:edit", args=[funder.pk])
    response = client.post(edit, funder_form([confirmed, unconfirmed]))
    assert response.status_code == 200
    assert list(FunderOrganisation.objects.get().reviewers.all()) == [confirmed]


def test_a_reviewer_added_before_the_rule_sees_nothing_until_they_confirm(client):
    """An unconfirmed account already among a funder's reviewers (added before staff were stopped) reads
    no shared group: not in the portfolio, not by its address; once confirmed, the grant counts."""
    group = make_group(name="Harbour Lights Residents")
    funder = FunderOrganisation.objects.create(name="Coast Fund", slug="coast-fund")
    early = make_person(email="officer@coastfund.org", email_confirmed_at=None)
    funder.reviewers.add(early)
    funder.save()  # reviewers is a ParentalManyToManyField: saved with the funder
    sharing.grant_access(
        group=group,
        funder=funder,
        by=group.coordinator,
        share_progress=True,
        share_self_assessment=True,
        share_evidence=False,
    )
    profile = reverse("readiness:funder_group", args=[group.slug])
    client.force_login(early)

    portfolio = client.get(reverse("readiness:portfolio"))
    assert "Harbour Lights Residents" not in portfolio.content.decode()
    assert client.get(profile).status_code == 404

    early.email_confirmed_at = timezone.now()
    early.save(update_fields=["email_confirmed_at"])
    assert "Harbour Lights Residents" in client.get(reverse("readiness:portfolio")).content.decode()
    response = client.get(profile)
    assert response.status_code == 200
    assert "Harbour Lights Residents" in response.content.decode()


# --- Stories ---------------------------------------------------------------------------------------


def test_an_unconfirmed_account_cannot_send_a_story(client, unconfirmed):
    make_case_study_index(Site.objects.get(is_default_site=True).root_page)
    client.force_login(unconfirmed)
    page = client.get(reverse("resources:story_new"))
    assert page.status_code == 403
    html = page.content.decode()
    assert CONFIRM_FIRST in html
    assert 'name="next" value="/stories/new/"' in html

    client.post(
        reverse("resources:story_new"),
        {"title": "Our lunch club", "group_name": "Lunch Club", "place": "fife", "consent": "on"},
    )

    assert not CaseStudyPage.objects.filter(title="Our lunch club").exists()


# --- A host without email confirmation -------------------------------------------------------------


def test_a_host_without_confirmation_lets_everyone_signed_in_start_a_group(client, settings, unconfirmed):
    del settings.LEARNING_USER_IS_VERIFIED
    client.force_login(unconfirmed)
    assert client.get(reverse("learning:group_create")).status_code == 200
    group = group_services.create_group(by=unconfirmed, name="Sam's group", slug="sams-group")
    assert Membership.objects.filter(user=unconfirmed, group=group, role=Role.COORDINATOR).exists()


# --- Sign-up and password reset never say who is registered -----------------------------------------


def sign_up(client, email, name="Sam"):
    return client.post(
        reverse("accounts:signup"),
        {"email": email, "display_name": name, "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )


def page_text(response):
    """What the person reads: the page without the per-response CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_signing_up_with_a_taken_address_answers_exactly_like_a_new_one(client, make_user):
    owner = make_user(email="taken@example.org", display_name="Tara")
    taken = sign_up(client, "Taken@Example.org", name="Impostor")
    mail_after_taken = list(mail.outbox)
    client.cookies.clear()
    new = sign_up(client, "brand.new@example.org")

    assert taken.status_code == new.status_code == 200
    assert taken.redirect_chain == [(reverse("accounts:signup_sent"), 302)]
    assert new.redirect_chain == taken.redirect_chain
    assert page_text(taken) == page_text(new)
    assert "Check your email" in page_text(new)

    # Nobody was signed in, no second account was made, and the owner was told.
    assert get_user_model().objects.filter(email__iexact="taken@example.org").count() == 1
    owner.refresh_from_db()
    assert owner.display_name == "Tara"
    assert [message.to for message in mail_after_taken] == [["taken@example.org"]]
    notice = mail_after_taken[0].body
    assert "Someone tried to create a new Co-production Hub account with your email address" in notice
    assert "http://testserver/accounts/sign-in/" in notice
    assert "http://testserver/accounts/password/reset/" in notice
    assert "/accounts/confirm/" not in notice
    # The new address got its confirmation link instead.
    assert mail.outbox[-1].to == ["brand.new@example.org"]
    assert "/accounts/confirm/" in mail.outbox[-1].body


def test_the_sign_up_page_says_a_confirmation_link_will_come(client):
    html = client.get(reverse("accounts:signup")).content.decode()
    assert "We will email you a link to confirm your address" in html


def test_a_new_account_is_not_signed_in_and_is_unconfirmed(client):
    sign_up(client, "brand.new@example.org")
    user = get_user_model().objects.get(email="brand.new@example.org")
    assert user.email_confirmed_at is None
    assert client.get(reverse("accounts:account")).status_code == 302


def test_signing_up_keeps_where_the_person_was_going_through_confirmation(client):
    join = "/groups/join/abc123/"
    response = client.post(
        reverse("accounts:signup") + "?next=" + join,
        {"email": "new@example.org", "display_name": "New", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response["Location"] == reverse("accounts:signup_sent") + "?next=%2Fgroups%2Fjoin%2Fabc123%2F"
    link = confirmation_link()
    assert client.post(link)["Location"] == reverse("accounts:login") + "?next=%2Fgroups%2Fjoin%2Fabc123%2F"


def test_a_sign_up_form_with_mistakes_still_shows_them(client):
    response = client.post(
        reverse("accounts:signup"),
        {"email": "new@example.org", "display_name": "New", "password1": PASSWORD, "password2": "different"},
    )
    assert response.status_code == 200
    assert 'value="new@example.org"' in response.content.decode()
    assert not get_user_model().objects.filter(email="new@example.org").exists()
    assert mail.outbox == []


def test_password_reset_answers_the_same_for_a_registered_and_an_unknown_address(client, make_user):
    make_user(email="known@example.org")
    known = client.post(reverse("accounts:password_reset"), {"email": "known@example.org"}, follow=True)
    unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    assert page_text(known) == page_text(unknown)


# --- Demo accounts -----------------------------------------------------------------------------------


def test_the_demo_accounts_are_created_confirmed(demo):
    people = get_user_model().objects.filter(email__endswith="@example.org")
    assert people.count() >= 5
    assert not people.filter(email_confirmed_at__isnull=True).exists()
