"""Session limits: a sign-in ends when left idle, when too old however active, and on "Sign out everywhere".

Times are moved by patching `django.utils.timezone.now`, which the middleware reads.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from django.utils import timezone

from accounts.middleware import LAST_SEEN, SEES_MANY_GROUPS, SIGNED_IN_AT
from learning.models import AssignmentStatus, CommunityGroup, FacilitatorAssignment
from learning.readiness.models import FunderOrganisation

pytestmark = pytest.mark.django_db

SIGNED_OUT = "You were signed out because you were away for a while. Sign in again."


class Clock:
    """Stands in for timezone.now while the test moves time forward."""

    def __init__(self):
        self.now = timezone.now()

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    clock = Clock()
    with mock.patch("django.utils.timezone.now", clock):
        yield clock


def signed_in(client, user):
    """Sign in as a test client does; the session's clock starts at its first request."""
    client.force_login(user)
    return client


def account_page(client):
    return client.get(reverse("accounts:account"))


def assert_sent_to_sign_in(response, next_path):
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={next_path}"


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_sign_in_starts_the_clock(client, make_user, clock):
    member = make_user()
    response = client.post(reverse("accounts:login"), {"username": member.email, "password": "a-long-test-password"})
    assert response.status_code == 302
    session = client.session
    assert session[SIGNED_IN_AT] == session[LAST_SEEN] == clock.now.timestamp()
    assert session[SEES_MANY_GROUPS] is False


def test_a_member_idle_past_the_limit_is_signed_out_and_sent_to_sign_in(client, make_user, clock, settings):
    settings.ACCOUNTS_SESSION_IDLE_MINUTES = 120
    signed_in(client, make_user())
    assert account_page(client).status_code == 200
    clock.advance(minutes=121)
    response = account_page(client)
    assert_sent_to_sign_in(response, reverse("accounts:account"))
    assert messages_of(response) == [SIGNED_OUT]
    assert "_auth_user_id" not in client.session
    follow = client.get(response["Location"])
    assert SIGNED_OUT in follow.content.decode()


def test_an_active_member_stays_signed_in_and_last_seen_is_written_at_most_once_a_minute(
    client, make_user, clock, settings
):
    settings.ACCOUNTS_SESSION_IDLE_MINUTES = 120
    signed_in(client, make_user())
    assert account_page(client).status_code == 200
    with mock.patch.object(SessionStore, "save", autospec=True, side_effect=SessionStore.save) as save:
        for _ in range(5):
            clock.advance(seconds=10)
            assert account_page(client).status_code == 200
        assert save.call_count == 0  # 50 seconds of requests: the session is not written
        clock.advance(seconds=15)
        assert account_page(client).status_code == 200
        assert save.call_count == 1
    assert client.session[LAST_SEEN] == clock.now.timestamp()
    # Active every hour for five hours: never idle for two, so never signed out.
    for _ in range(5):
        clock.advance(minutes=60)
        assert account_page(client).status_code == 200


def test_the_absolute_lifetime_ends_even_an_active_session(client, make_user, clock, settings):
    settings.ACCOUNTS_SESSION_MAX_HOURS = 24
    signed_in(client, make_user())
    assert account_page(client).status_code == 200
    for _ in range(23):
        clock.advance(minutes=60)
        assert account_page(client).status_code == 200
    clock.advance(minutes=61)
    response = account_page(client)
    assert_sent_to_sign_in(response, reverse("accounts:account"))
    assert messages_of(response) == [SIGNED_OUT]


def funder_reviewer(make_user):
    reviewer = make_user()
    funder = FunderOrganisation.objects.create(name="Coast Fund", slug="coast-fund")
    funder.reviewers.add(reviewer)
    funder.save()  # a ParentalManyToManyField is written when its model is saved
    return reviewer


def facilitator(make_user):
    person = make_user()
    group = CommunityGroup.objects.create(name="Harbour Group", slug="harbour-group")
    FacilitatorAssignment.objects.create(facilitator=person, group=group, status=AssignmentStatus.ACTIVE)
    return person


def admin_user(make_user):
    person = make_user()
    person.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return person


@pytest.mark.parametrize(
    "make_person",
    [
        lambda make_user: make_user(is_staff=True),
        admin_user,
        funder_reviewer,
        facilitator,
    ],
    ids=["staff", "wagtail-admin", "funder-reviewer", "facilitator"],
)
def test_people_who_see_many_groups_get_the_shorter_limits(client, make_user, make_person, clock, settings):
    settings.ACCOUNTS_SESSION_IDLE_MINUTES = 120
    settings.ACCOUNTS_PRIVILEGED_SESSION_IDLE_MINUTES = 30
    settings.ACCOUNTS_SESSION_MAX_HOURS = 24
    settings.ACCOUNTS_PRIVILEGED_SESSION_MAX_HOURS = 12
    person = make_person(make_user)

    signed_in(client, person)
    assert account_page(client).status_code == 200
    assert client.session[SEES_MANY_GROUPS] is True
    clock.advance(minutes=31)
    assert_sent_to_sign_in(account_page(client), reverse("accounts:account"))

    signed_in(client, person)
    assert account_page(client).status_code == 200
    for _ in range(24):  # a request every 29 minutes: never idle for 30
        clock.advance(minutes=29)
        assert account_page(client).status_code == 200
    clock.advance(minutes=29)  # 12 h 5 min after signing in, active all along
    assert_sent_to_sign_in(account_page(client), reverse("accounts:account"))


def test_a_member_gets_the_longer_limits(client, make_user, clock):
    signed_in(client, make_user())
    assert account_page(client).status_code == 200
    assert client.session[SEES_MANY_GROUPS] is False
    clock.advance(minutes=90)
    assert account_page(client).status_code == 200


def test_sign_out_everywhere_ends_every_session_of_that_person(client, make_user, clock):
    person = make_user()
    elsewhere = signed_in(client.__class__(), person)
    other_person = signed_in(client.__class__(), make_user())
    signed_in(client, person)
    assert account_page(elsewhere).status_code == 200
    page = account_page(client)
    assert reverse("accounts:sign_out_everywhere").encode() in page.content

    clock.advance(seconds=5)
    response = client.post(reverse("accounts:sign_out_everywhere"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert "every device" in messages_of(response)[0]
    assert "_auth_user_id" not in client.session  # this device too

    response = account_page(elsewhere)
    assert_sent_to_sign_in(response, reverse("accounts:account"))
    assert "sign out everywhere" in messages_of(response)[0]
    assert account_page(other_person).status_code == 200  # someone else is untouched

    clock.advance(seconds=5)
    assert account_page(signed_in(elsewhere, person)).status_code == 200  # signing in again works


def test_sign_out_everywhere_is_a_post_only(client, make_user):
    signed_in(client, make_user())
    assert client.get(reverse("accounts:sign_out_everywhere")).status_code == 405
    assert account_page(client).status_code == 200


def test_a_post_after_expiry_goes_to_sign_in_and_says_the_form_was_not_saved(client, make_user, clock):
    member = make_user(display_name="Before")
    signed_in(client, member)
    assert account_page(client).status_code == 200
    clock.advance(hours=3)
    response = client.post(
        reverse("accounts:account"),
        {"display_name": "After"},
        HTTP_REFERER="http://testserver/accounts/?tab=details",
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next=/accounts/%3Ftab%3Ddetails"
    (message,) = messages_of(response)
    assert message.startswith(SIGNED_OUT)
    assert "not saved" in message
    member.refresh_from_db()
    assert member.display_name == "Before"


def test_a_post_after_expiry_never_returns_to_another_site(client, make_user, clock):
    signed_in(client, make_user())
    account_page(client)
    clock.advance(hours=3)
    response = client.post(reverse("accounts:account"), {}, HTTP_REFERER="https://elsewhere.example/form/")
    assert response["Location"] == f"{reverse('accounts:login')}?next=/"


def test_a_session_from_before_the_limits_starts_its_clock_at_its_next_request(client, make_user, clock):
    signed_in(client, make_user())
    session = client.session
    for key in (SIGNED_IN_AT, LAST_SEEN, SEES_MANY_GROUPS):
        session.pop(key, None)
    session.save()
    assert account_page(client).status_code == 200
    assert client.session[SIGNED_IN_AT] == clock.now.timestamp()


def test_visitors_are_left_alone(client, site_shell):
    response = client.get("/")
    assert response.status_code == 200
    assert not client.cookies.get("sessionid")
