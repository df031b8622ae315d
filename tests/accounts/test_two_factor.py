"""Two-step sign-in: staff, Wagtail users, funder reviewers and facilitators reach nothing until they give
a code from an authenticator app (or a recovery code) in this session; everyone else may turn it on."""

import base64
import importlib.util
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import checks, services
from demo.two_factor import DEMO_TOTP_SECRET, give_demo_second_factor
from learning.models import AssignmentStatus, CommunityGroup, FacilitatorAssignment
from tests.learning.factories import make_person

PASSWORD = "a-long-test-password"
VERIFY = "/accounts/two-factor/verify/"
SET_UP = "/accounts/two-factor/set-up/"
SECRET = bytes(range(20))

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def required(settings):
    """As in production: the test settings switch two-step sign-in off for the rest of the suite."""
    settings.ACCOUNTS_TWO_FACTOR_REQUIRED = True
    cache.clear()
    yield settings
    cache.clear()


def code(secret=SECRET, steps_ahead=0):
    """The code an authenticator app shows now (or `steps_ahead` 30-second steps later)."""
    return f"{totp(secret, drift=steps_ahead):06d}"


def with_app(user, secret=SECRET):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", key=secret.hex(), confirmed=True)


def staff():
    """Staff who may use Wagtail's admin."""
    return make_person(is_staff=True, is_superuser=True)


def signed_in(client, user):
    client.force_login(user)
    return client


def give_code(client, typed, next_url=""):
    return client.post(VERIFY, {"code": typed, "next": next_url})


def sent_to_verify(response, next_url=None):
    location = response.get("Location", "")
    return response.status_code == 302 and location.startswith(VERIFY) and (next_url is None or next_url in location)


# --- Setting up ---------------------------------------------------------------------------------


def test_a_required_person_without_an_app_is_sent_to_set_one_up_with_the_secret_as_text_and_qr_code(client):
    signed_in(client, staff())

    response = client.get("/admin/")
    assert sent_to_verify(response, "next=/admin/")
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"].startswith(SET_UP)

    page = client.get(response["Location"]).content.decode()
    assert "Set up two-step sign-in" in page
    shown = re.search(r'id="two-factor-secret"[^>]*>([A-Z2-7 ]+)<', page).group(1)
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{4}){7}", shown), shown
    assert 'src="data:image/svg+xml;base64,' in page
    assert 'href="otpauth://totp/' in page
    # The same secret on every visit until it is confirmed, so a reload does not break a half-done set-up.
    assert shown in client.get(SET_UP).content.decode()


def test_set_up_turns_on_with_the_right_code_and_shows_ten_recovery_codes_once(client):
    person = staff()
    signed_in(client, person)
    page = client.get(SET_UP).content.decode()
    secret = base64.b32decode(re.search(r'id="two-factor-secret"[^>]*>([A-Z2-7 ]+)<', page).group(1).replace(" ", ""))

    wrong = client.post(SET_UP, {"code": "000000" if code(secret) != "000000" else "111111", "next": "/admin/"})
    assert wrong.status_code == 200
    assert "That code did not match" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=person).exists()

    response = client.post(SET_UP, {"code": code(secret), "next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor_recovery_codes") + "?next=/admin/"
    shown = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", shown)
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=person).values_list("token", flat=True))
    assert "We will not show them again" in shown
    # Shown once: coming back gives the management page, not the codes.
    again = client.get(reverse("accounts:two_factor_recovery_codes"))
    assert again.status_code == 302 and codes[0] not in client.get(again["Location"]).content.decode()
    # This session has given a code: the admin opens.
    assert client.get("/admin/").status_code == 200


def test_someone_with_an_app_must_give_a_code_before_they_can_set_up_another(client):
    person = staff()
    with_app(person)
    signed_in(client, person)
    assert sent_to_verify(client.get(SET_UP))


# --- Giving a code after signing in ----------------------------------------------------------------


def test_a_wrong_code_is_shown_again_with_an_error_and_lets_nobody_in(client, settings):
    person = staff()
    with_app(person)
    signed_in(client, person)
    wrong = "123456" if code() != "123456" else "654321"

    response = give_code(client, wrong, "/admin/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "That code did not work" in page
    assert f'value="{wrong}"' in page
    assert 'aria-invalid="true"' in page or "field--error" in page
    assert sent_to_verify(client.get("/admin/"))


def test_the_right_code_lets_the_person_in_for_this_sign_in_only(client):
    person = staff()
    with_app(person)
    signed_in(client, person)

    response = give_code(client, code(), "/admin/")

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    client.post(reverse("accounts:logout"))
    client.post(reverse("accounts:login"), {"username": person.email, "password": PASSWORD})
    assert sent_to_verify(client.get("/admin/"))
    # The code just used does not work twice; the next one does.
    assert give_code(client, code()).status_code == 200
    TOTPDevice.objects.filter(user=person).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    assert give_code(client, code(steps_ahead=1)).status_code == 302


def test_a_recovery_code_works_once(client):
    person = staff()
    with_app(person)
    codes = services.make_recovery_codes(user=person)
    signed_in(client, person)

    response = give_code(client, codes[0].upper()[:4] + " " + codes[0].upper()[4:])
    assert response.status_code == 302
    assert "You have 9 left" in client.get(reverse("accounts:account"), follow=True).content.decode()

    client.post(reverse("accounts:logout"))
    signed_in(client, person)
    again = give_code(client, codes[0])
    assert again.status_code == 200 and "did not work" in again.content.decode()
    assert sent_to_verify(client.get("/admin/"))


def test_wrong_codes_are_throttled_per_account_with_a_429(client, settings):
    settings.RATELIMIT_ENABLE = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the per-device slow-down is django-otp's; this is the account's
    person = staff()
    with_app(person)
    signed_in(client, person)
    wrong = "999999" if code() != "999999" else "888888"
    for _attempt in range(5):
        assert give_code(client, wrong).status_code == 200

    response = give_code(client, code())

    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert sent_to_verify(client.get("/admin/"))


def test_django_otp_slows_repeated_wrong_codes_and_says_how_long_to_wait(client):
    person = staff()
    with_app(person)
    signed_in(client, person)
    wrong = "999999" if code() != "999999" else "888888"
    give_code(client, wrong)
    give_code(client, wrong)

    response = give_code(client, code())

    assert response.status_code == 200
    assert "Wait" in response.content.decode()


# --- Who is asked -------------------------------------------------------------------------------


def _facilitator():
    person = make_person()
    group = CommunityGroup.objects.create(name="Riverside", slug="riverside")
    FacilitatorAssignment.objects.create(group=group, facilitator=person, status=AssignmentStatus.ACTIVE)
    return person


def _wagtail_editor():
    person = make_person()
    person.groups.add(Group.objects.get(name="Editors"))
    return person


REQUIRED = {
    "staff": lambda: make_person(is_staff=True),
    "superuser": staff,
    "Wagtail editor": _wagtail_editor,
    "facilitator": _facilitator,
}


@pytest.mark.parametrize("kind", REQUIRED)
def test_required_people_reach_nothing_but_the_code_pages_until_they_give_a_code(client, kind):
    person = REQUIRED[kind]()
    with_app(person)
    signed_in(client, person)

    for path in ["/admin/", "/admin/pages/", "/django-admin/", "/accounts/", "/groups/", "/", "/accounts/two-factor/"]:
        assert sent_to_verify(client.get(path), f"next={path}"), path
    assert sent_to_verify(client.post("/accounts/", {"display_name": "Changed"}))
    api = client.get("/api/v2/pages/")
    assert api.status_code == 403
    # Open: the code page, sign-out and static files.
    assert client.get(VERIFY).status_code == 200
    assert client.get("/static/css/site.css").status_code in (200, 404)  # never a redirect

    give_code(client, code())

    assert client.get("/accounts/").status_code == 200
    assert client.get("/api/v2/pages/").status_code == 200


def test_wagtails_own_sign_in_form_is_no_way_round_it(client):
    person = staff()
    with_app(person)

    response = client.post("/admin/login/", {"username": person.email, "password": PASSWORD})

    assert response.status_code == 302
    assert sent_to_verify(client.get("/admin/"))
    assert sent_to_verify(client.get("/admin/users/"))


def test_someone_made_a_facilitator_while_signed_in_is_asked_within_a_minute(client, settings):
    person = make_person()
    signed_in(client, person)
    assert client.get("/accounts/").status_code == 200
    group = CommunityGroup.objects.create(name="Hillview", slug="hillview")
    FacilitatorAssignment.objects.create(group=group, facilitator=person, status=AssignmentStatus.ACTIVE)
    session = client.session
    session["_accounts_two_factor_checked_at"] -= 61
    session.save()

    assert sent_to_verify(client.get("/accounts/"))


def test_a_member_is_not_asked_and_may_turn_it_on_and_off(client):
    person = make_person()
    signed_in(client, person)
    assert client.get("/accounts/").status_code == 200
    assert "Two-step sign-in is off" in client.get("/accounts/two-factor/").content.decode()

    page = client.get(SET_UP).content.decode()
    secret = base64.b32decode(re.search(r'id="two-factor-secret"[^>]*>([A-Z2-7 ]+)<', page).group(1).replace(" ", ""))
    assert client.post(SET_UP, {"code": code(secret)}).status_code == 302

    # Turned on: the next sign-in asks for a code.
    client.post(reverse("accounts:logout"))
    signed_in(client, person)
    assert sent_to_verify(client.get("/accounts/"))
    assert give_code(client, code(secret, steps_ahead=1)).status_code == 302
    manage = client.get("/accounts/two-factor/").content.decode()
    assert "Two-step sign-in is on" in manage and "10 recovery codes left" in manage

    # Turning off needs a code; a wrong one is shown again with an error.
    wrong = client.post(reverse("accounts:two_factor_turn_off"), {"turn_off-code": "000000"})
    assert wrong.status_code == 200 and "did not work" in wrong.content.decode()
    codes = list(StaticToken.objects.filter(device__user=person).values_list("token", flat=True))
    response = client.post(reverse("accounts:two_factor_turn_off"), {"turn_off-code": codes[0]})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert client.get("/accounts/").status_code == 200
    client.post(reverse("accounts:logout"))
    signed_in(client, person)
    assert client.get("/accounts/").status_code == 200


def test_a_required_person_cannot_turn_it_off_but_can_make_new_recovery_codes(client, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # the right code follows a wrong one at once
    person = staff()
    with_app(person)
    old = services.make_recovery_codes(user=person)
    signed_in(client, person)
    give_code(client, code())

    page = client.get("/accounts/two-factor/").content.decode()
    assert "stays on for you" in page and "Turn off two-step sign-in" not in page
    assert client.post(reverse("accounts:two_factor_turn_off"), {"turn_off-code": old[0]}).status_code == 403
    assert TOTPDevice.objects.filter(user=person).exists()

    wrong = client.post(reverse("accounts:two_factor_new_recovery_codes"), {"new_codes-code": "nope"})
    assert wrong.status_code == 200 and "did not work" in wrong.content.decode()
    response = client.post(reverse("accounts:two_factor_new_recovery_codes"), {"new_codes-code": old[1]})
    assert response.status_code == 302
    new = re.findall(r"<li><code>([a-z2-7]+)</code></li>", client.get(response["Location"]).content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert not StaticToken.objects.filter(token__in=old).exists()


# --- The demo, the bench and the deploy check ---------------------------------------------------------


def test_the_demo_secret_gives_codes_that_verify(client):
    editor = _wagtail_editor()
    member = make_person()
    given = give_demo_second_factor([editor.email, member.email])
    assert given == [editor.email]
    signed_in(client, editor)

    response = give_code(client, code(base64.b32decode(DEMO_TOTP_SECRET)), "/admin/")

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_bench_harness_computes_the_same_codes_from_the_same_demo_secret():
    path = Path(__file__).resolve().parents[2] / "bench" / "harness.py"
    spec = importlib.util.spec_from_file_location("bench_harness", path)
    harness = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(harness)
    assert harness.DEMO_TOTP_SECRET == DEMO_TOTP_SECRET
    for at in (0, 59, 1_234_567_890, 2_000_000_000):
        app = TOTP(base64.b32decode(DEMO_TOTP_SECRET))
        app.time = at
        assert harness.totp_code(DEMO_TOTP_SECRET, at=at) == f"{app.token():06d}"


def test_the_deploy_check_warns_when_two_factor_is_not_required():
    with override_settings(ACCOUNTS_TWO_FACTOR_REQUIRED=False):
        assert [problem.id for problem in checks.two_factor_required(None)] == ["accounts.W010"]
    assert checks.two_factor_required(None) == []


def test_someone_no_longer_a_facilitator_is_not_sent_round_in_circles(client):
    person = _facilitator()
    signed_in(client, person)
    assert sent_to_verify(client.get("/accounts/"))
    FacilitatorAssignment.objects.filter(facilitator=person).update(status=AssignmentStatus.ENDED)

    response = client.get(VERIFY + "?next=/accounts/")

    assert response.status_code == 302 and response["Location"] == "/accounts/"
    assert client.get("/accounts/").status_code == 200
