"""Query budgets for the account pages: the same budget for a person in one group or in many."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.data_export import request_personal_export
from accounts.services import confirmation_token
from accounts.two_factor import services as two_factor

from .conftest import Budget, Call, budget_id

pytestmark = pytest.mark.django_db


def reset_url(user):
    user = get_user_model().objects.get(pk=user.pk)  # as stored: signing in elsewhere changed last_login
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("accounts:password_reset_confirm", args=[uid, default_token_generator.make_token(user)])


SECRET = bytes(range(20))


def with_app(user):
    """Turn two-step sign-in on for `user` (an authenticator app and ten recovery codes); returns them."""
    TOTPDevice.objects.create(user=user, name=two_factor.APP_DEVICE_NAME, key=SECRET.hex(), confirmed=True)
    two_factor.make_recovery_codes(user=user)
    return user


def app_code():
    """The code the person's authenticator app shows now."""
    return f"{totp(SECRET):06d}"


BUDGETS = [
    Budget("accounts:login", 4, lambda w: Call(None, reverse("accounts:login"))),
    Budget(
        "accounts:login",
        13,  # two of them ask once whether the person gets the shorter session limits (accounts.middleware)
        lambda w: Call(
            None,
            reverse("accounts:login"),
            "post",
            {"username": w.coordinator.email, "password": "a-long-test-password"},
            status=302,
        ),
        note="POST",
    ),
    Budget("accounts:logout", 4, lambda w: Call(w.coordinator, reverse("accounts:logout"), "post", status=302)),
    Budget(
        "accounts:sign_out_everywhere",
        7,
        lambda w: Call(w.coordinator, reverse("accounts:sign_out_everywhere"), "post", status=302),
    ),
    Budget("accounts:signup", 5, lambda w: Call(None, reverse("accounts:signup"))),
    Budget("accounts:signup_sent", 4, lambda w: Call(None, reverse("accounts:signup_sent"))),
    Budget("accounts:account", 7, lambda w: Call(w.coordinator, reverse("accounts:account"))),
    Budget(
        "accounts:resend_confirmation",
        2,
        lambda w: Call(w.coordinator, reverse("accounts:resend_confirmation"), "post", status=302),
    ),
    Budget(
        "accounts:confirm_email",
        7,
        lambda w: Call(w.coordinator, reverse("accounts:confirm_email", args=[confirmation_token(w.coordinator)])),
    ),
    Budget("accounts:erase", 6, lambda w: Call(w.coordinator, reverse("accounts:erase"))),
    # A person's copy of their data (issue 12, item 7); the POST builds the zip at once (immediate tasks).
    Budget("accounts:personal_data", 7, lambda w: Call(w.coordinator, reverse("accounts:personal_data"))),
    Budget(
        "accounts:personal_data",
        # two of them read the person's notices and email choices; 10 more since partners' records (asks,
        # stages, commitments, notes, Four Co's, officer places and their access log) joined the download
        51,
        lambda w: Call(w.coordinator, reverse("accounts:personal_data"), "post", status=302),
        note="POST",
    ),
    Budget(
        "accounts:personal_data_download",
        3,
        lambda w: Call(
            w.coordinator,
            reverse("accounts:personal_data_download", args=[request_personal_export(user=w.coordinator).pk]),
        ),
    ),
    Budget("accounts:password_change", 6, lambda w: Call(w.coordinator, reverse("accounts:password_change"))),
    Budget("accounts:password_reset", 4, lambda w: Call(None, reverse("accounts:password_reset"))),
    Budget(
        "accounts:password_reset",
        1,
        lambda w: Call(None, reverse("accounts:password_reset"), "post", {"email": w.coordinator.email}, status=302),
        note="POST",
    ),
    Budget("accounts:password_reset_done", 4, lambda w: Call(None, reverse("accounts:password_reset_done"))),
    Budget(
        "accounts:password_reset_confirm",
        5,
        lambda w: Call(None, reset_url(w.coordinator), status=302),
        note="valid link",
    ),
    Budget("accounts:password_reset_complete", 4, lambda w: Call(None, reverse("accounts:password_reset_complete"))),
    # Two-step sign-in (accounts/two_factor), for a person who has turned it on (an app and recovery codes).
    # The test settings leave ACCOUNTS_TWO_FACTOR_REQUIRED off, so no other page is kept behind a code.
    Budget("accounts:two_factor", 12, lambda w: Call(with_app(w.coordinator), reverse("accounts:two_factor"))),
    Budget(
        "accounts:two_factor_verify", 7, lambda w: Call(with_app(w.coordinator), reverse("accounts:two_factor_verify"))
    ),
    Budget(
        "accounts:two_factor_verify",
        11,
        lambda w: Call(
            with_app(w.coordinator), reverse("accounts:two_factor_verify"), "post", {"code": app_code()}, status=302
        ),
        note="POST",
    ),
    Budget("accounts:two_factor_setup", 12, lambda w: Call(w.coordinator, reverse("accounts:two_factor_setup"))),
    # The secret being set up lives in the session, which a budget's request cannot carry in, so the POST
    # measured is a code that does not match: the form is shown again with a new secret and QR code.
    Budget(
        "accounts:two_factor_setup",
        20,
        lambda w: Call(w.coordinator, reverse("accounts:two_factor_setup"), "post", {"code": "000000"}),
        note="POST wrong code",
    ),
    # The new codes are shown from the session once; without them the page sends the person to manage them.
    Budget(
        "accounts:two_factor_recovery_codes",
        2,
        lambda w: Call(with_app(w.coordinator), reverse("accounts:two_factor_recovery_codes"), status=302),
        note="already shown",
    ),
    Budget(
        "accounts:two_factor_new_recovery_codes",
        15,
        lambda w: Call(
            with_app(w.coordinator),
            reverse("accounts:two_factor_new_recovery_codes"),
            "post",
            {"new_codes-code": app_code()},
            status=302,
        ),
    ),
    Budget(
        "accounts:two_factor_turn_off",
        16,
        lambda w: Call(
            with_app(w.coordinator),
            reverse("accounts:two_factor_turn_off"),
            "post",
            {"turn_off-code": app_code()},
            status=302,
        ),
    ),
]


@pytest.mark.parametrize("budget", BUDGETS, ids=budget_id)
def test_account_view_keeps_to_its_budget(budget, within_budget):
    within_budget(budget)
