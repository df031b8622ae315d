"""The demo's one authenticator-app secret, given to every demo account that needs a second factor.

Staff (the Wagtail editor and moderator), the funder reviewers and the facilitator must give a code
after their password. So a tester can sign in as any of them, they all share this fixed, published
secret: add it once to any authenticator app (time-based, 6 digits, every 30 seconds). Only
`load_demo` creates it, and `load_demo` refuses to run on a live site. bench/harness.py computes
codes from the same secret.
"""

import base64
import binascii

from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.middleware import two_factor_required
from accounts.two_factor.services import APP_DEVICE_NAME, secret_as_text

DEMO_TOTP_SECRET = "COPRODUCTIONHUBDEMOTOTPSECRETKEY"


def demo_secret_text():
    """The secret as a person types it: "COPR ODUC TION ..."."""
    return secret_as_text(base64.b32decode(DEMO_TOTP_SECRET))


def _demo_key():
    return binascii.hexlify(base64.b32decode(DEMO_TOTP_SECRET)).decode()


def accounts_with_demo_code(emails):
    """Which of these accounts sign in with the demo secret."""
    devices = TOTPDevice.objects.filter(user__email__in=emails, key=_demo_key(), confirmed=True)
    return set(devices.values_list("user__email", flat=True))


def give_demo_second_factor(emails):
    """Give each of these accounts that needs a second factor the demo app; returns their emails."""
    key = _demo_key()
    given = []
    for user in get_user_model().objects.filter(email__in=emails).order_by("email"):
        if not two_factor_required(user):
            continue
        device = TOTPDevice.objects.filter(user=user, key=key, confirmed=True).first()
        if device is None:
            # A fresh load, or a tester set up their own app on this account: the demo's wins again.
            TOTPDevice.objects.filter(user=user).delete()
            TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, key=key, confirmed=True)
        given.append(user.email)
    return given
