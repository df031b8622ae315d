"""Every email is written in its recipient's language, not the language of whoever's action sent it (issue 15):
the language the recipient chose for the Hub, English when they chose none; a person who asks for an email
themselves (a confirmation link, a password reset) and chose none gets the language they are using."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from learning.mail import by_language, language_of
from learning.readiness import notices as readiness_notices
from learning.readiness.services import assessment
from learning.services import notices as notice_services
from tests.readiness.conftest import build_world, post_review, share

GAELIC_HELLO = "Halò,"
GAELIC_RESET = "Ath-shuidhich am facal-faire agaibh air Ionad a' Cho-riochdachaidh"
ENGLISH_RESET = "Reset your Co-production Hub password"
GAELIC_CONFIRM = "Dearbhaibh an seòladh puist-d agaibh airson Ionad a' Cho-riochdachaidh"
ENGLISH_CONFIRM = "Confirm your email address for the Co-production Hub"


def choose(person, language):
    person.interface_language = language
    person.save(update_fields=["interface_language"])
    return person


def message_to(person):
    (message,) = [message for message in mail.outbox if person.email in message.to]
    return message


def test_the_language_is_the_recipients_choice_then_the_fallback_then_english(make_user):
    assert language_of(make_user(interface_language="gd")) == "gd"
    assert language_of(make_user(interface_language="gd"), fallback="en-gb") == "gd"
    assert language_of(make_user()) == "en-gb"
    assert language_of(make_user(), fallback="gd") == "gd"
    assert language_of(None, fallback="gd") == "gd"  # an address with no account: the sender's language
    assert language_of(make_user(interface_language="xx")) == "en-gb"  # a language the site no longer offers
    people = [make_user(interface_language="gd"), make_user(), make_user(interface_language="en-gb")]
    assert [(language, len(group)) for language, group in by_language(people)] == [("en-gb", 2), ("gd", 1)]


@pytest.fixture
def sharing_world(db):
    """The readiness tests' group and funders, with a Gaelic reviewer in Fund A beside its English one."""
    world = build_world()
    world.gaelic_reviewer = choose(world.reviewer_b, "gd")
    world.funder_a.reviewers.add(world.gaelic_reviewer)
    world.funder_a.save()  # a ParentalManyToManyField: kept on save
    return world


def test_a_gaelic_sender_shares_and_each_reviewer_reads_the_email_in_their_own_language(
    client, sharing_world, django_capture_on_commit_callbacks
):
    client.force_login(sharing_world.coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "gd"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("readiness:sharing", kwargs={"slug": sharing_world.group.slug}),
            {"funder": sharing_world.funder_a.pk, "share_progress": "on"},
        )
    assert response.status_code == 302
    english = message_to(sharing_world.reviewer_a)
    assert english.subject == "Oak Street Neighbours shared its readiness profile with Fund A"
    assert english.body.startswith("Hello,") and "on the Co-production Hub" in english.body
    gaelic = message_to(sharing_world.gaelic_reviewer)
    assert gaelic.subject == "Cho-roinn Oak Street Neighbours a pròifil deiseileachd le Fund A"
    assert gaelic.body.startswith(GAELIC_HELLO) and "Ionad a' Cho-riochdachaidh" in gaelic.body
    assert english.to == [sharing_world.reviewer_a.email] and gaelic.to == [sharing_world.gaelic_reviewer.email]


def test_an_english_sender_opens_a_round_and_a_gaelic_member_gets_the_notice_email_in_gaelic(
    sharing_world, django_capture_on_commit_callbacks
):
    member = choose(sharing_world.member, "gd")
    notice_services.set_email_choices(user=member, choices={readiness_notices.ROUND_OPENED: True})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assessment.open_round(group=sharing_world.group, kind="review", by=sharing_world.coordinator)
    message = message_to(member)
    assert message.subject.startswith("Dh'fhosgail Oak Street Neighbours cuairt fèin-mheasaidh")
    assert message.body.startswith(GAELIC_HELLO) and "has opened" not in message.body


def test_a_gaelic_senders_review_reaches_an_english_coordinator_in_english(
    sharing_world, django_capture_on_commit_callbacks
):
    grant = share(sharing_world)
    mail.outbox.clear()
    with translation.override("gd"), django_capture_on_commit_callbacks(execute=True):
        post_review(grant, "conditions", reviewer=sharing_world.reviewer_a)
    message = message_to(sharing_world.coordinator)
    assert "Fund A" in message.subject and message.body.startswith("Hello,")
    assert GAELIC_HELLO not in message.body


@pytest.mark.django_db
def test_a_password_reset_asked_in_english_for_a_gaelic_account_is_written_in_gaelic(client, make_user, site_shell):
    person = make_user(interface_language="gd")
    response = client.post(reverse("accounts:password_reset"), {"email": person.email}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert message_to(person).subject == GAELIC_RESET
    assert message_to(person).body != "" and "Reset your" not in message_to(person).body


@pytest.mark.django_db
def test_a_password_reset_for_an_english_account_asked_in_gaelic_is_written_in_english(client, make_user, site_shell):
    person = make_user(interface_language="en-gb")
    client.post(reverse("accounts:password_reset"), {"email": person.email}, HTTP_ACCEPT_LANGUAGE="gd")
    assert message_to(person).subject == ENGLISH_RESET
    other = make_user()  # chose no language: the one they are using when they ask
    client.post(reverse("accounts:password_reset"), {"email": other.email}, HTTP_ACCEPT_LANGUAGE="gd")
    assert message_to(other).subject == GAELIC_RESET


@pytest.mark.django_db
def test_signing_up_in_gaelic_sends_the_confirmation_in_gaelic(client, site_shell):
    client.post(
        reverse("accounts:signup"),
        {
            "email": "mairi@example.org",
            "display_name": "Màiri",
            "password1": "a-long-test-password",
            "password2": "a-long-test-password",
        },
        HTTP_ACCEPT_LANGUAGE="gd",
    )
    (message,) = mail.outbox
    assert message.to == ["mairi@example.org"] and message.subject == GAELIC_CONFIRM
    assert "Confirm" not in message.body


@pytest.mark.django_db
def test_someone_signing_up_in_english_with_a_gaelic_persons_address_warns_them_in_gaelic(
    client, make_user, site_shell
):
    owner = make_user(email="seonag@example.org", interface_language="gd")
    client.post(
        reverse("accounts:signup"),
        {
            "email": owner.email,
            "display_name": "Someone",
            "password1": "a-long-test-password",
            "password2": "a-long-test-password",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    message = message_to(owner)
    assert message.subject.startswith("Dh'fheuch cuideigin ri cunntas a chruthachadh")
    assert "Someone tried" not in message.body


@pytest.mark.django_db
def test_the_english_confirmation_link_asked_again_from_a_gaelic_browser_stays_english(client, make_user, site_shell):
    person = make_user(email_confirmed_at=None, interface_language="en-gb")
    client.force_login(person)
    mail.outbox.clear()
    response = client.post(reverse("accounts:resend_confirmation"), HTTP_ACCEPT_LANGUAGE="gd")
    assert response.status_code in (200, 302)
    assert message_to(person).subject == ENGLISH_CONFIRM
