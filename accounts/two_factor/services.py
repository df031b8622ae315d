"""Setting up, checking and turning off a person's second factor; django-otp keeps the devices.

A person has at most one authenticator app (a confirmed TOTPDevice) and one set of recovery codes
(a StaticDevice whose tokens each work once). A secret being set up lives in the session until the
person proves their app shows the right code, so a page view never writes a half-made device.
"""

import base64
import binascii
import io
import secrets
import time
from urllib.parse import quote, urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device
from django_otp import login as otp_login
from django_otp import verify_token as otp_verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
# How many 30-second steps either side of now a code may come from (a phone's clock a little off).
TOLERANCE = 1
PENDING_SECRET = "_accounts_two_factor_pending_key"  # noqa: S105 (a session key, not a secret)


def issuer():
    return getattr(settings, "OTP_TOTP_ISSUER", None) or getattr(settings, "WAGTAIL_SITE_NAME", "Co-production Hub")


def has_second_factor(user):
    """The person has turned two-step sign-in on (a confirmed app or recovery codes)."""
    return user_has_device(user, confirmed=True)


def app_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def is_verified(request):
    """This session has been through a second factor (set by django-otp's OTPMiddleware)."""
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


# --- Setting up ---------------------------------------------------------------------------------


def pending_secret(session):
    """The secret (bytes) offered on the set-up page: made once per session, kept until confirmed."""
    if PENDING_SECRET not in session:
        session[PENDING_SECRET] = secrets.token_hex(20)
    return binascii.unhexlify(session[PENDING_SECRET])


def secret_as_text(secret):
    """The secret as people type it into an app: base32 in groups of four ("ABCD EFGH ...")."""
    text = base64.b32encode(secret).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def setup_uri(secret, user):
    """The otpauth:// address an authenticator app reads from the QR code."""
    label = quote(f"{issuer()}:{user.email}")
    query = urlencode(
        {"secret": base64.b32encode(secret).decode().rstrip("="), "issuer": issuer(), "digits": 6, "period": 30}
    )
    return f"otpauth://totp/{label}?{query}"


def qr_code_data_uri(text):
    """A QR code of `text` as an SVG data: address for an <img> (no inline styles, so CSP allows it)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    out = io.BytesIO()
    image.save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def clean_code(code):
    """What the person typed, without the spaces and dashes people add: '123 456' is '123456'."""
    return "".join(code.split()).replace("-", "").lower()


def _totp_step(secret, code):
    """The time step the code belongs to, or None when it is not a current code for this secret."""
    totp = TOTP(secret, step=30, t0=0, digits=6, drift=0)
    totp.time = time.time()
    if totp.verify(int(code), tolerance=TOLERANCE):
        return totp.t()
    return None


@transaction.atomic
def set_up_app(*, user, secret, code):
    """Turn on two-step sign-in with this app if `code` is right; returns the new device, else None.

    Replaces any app the person had (a new phone) and gives them a fresh set of recovery codes,
    returned by `make_recovery_codes` separately so the page can show them once.
    """
    code = clean_code(code)
    if not (code.isdigit() and len(code) == 6):
        return None
    step = _totp_step(secret, code)
    if step is None:
        return None
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(
        user=user,
        name=APP_DEVICE_NAME,
        key=binascii.hexlify(secret).decode(),
        tolerance=TOLERANCE,
        last_t=step,
        confirmed=True,
    )


@transaction.atomic
def make_recovery_codes(*, user):
    """Replace the person's recovery codes with RECOVERY_CODE_COUNT new ones; returns them to show once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def turn_off(*, user):
    """Remove the person's app and recovery codes."""
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).delete()


def mark_verified(request, device):
    """This session has given a second factor; it holds until the person signs out."""
    request.session.pop(PENDING_SECRET, None)
    otp_login(request, device)


def forget_verification(request):
    request.session.pop(DEVICE_ID_SESSION_KEY, None)


# --- Checking a code ----------------------------------------------------------------------------


class CodeCheck:
    """The outcome of checking a code: the device that took it, or why not."""

    def __init__(self, device=None, wait_seconds=0):
        self.device = device
        self.wait_seconds = wait_seconds

    @property
    def ok(self):
        return self.device is not None


def check_code(*, user, code):
    """Check a code from the person's app (6 digits) or one of their recovery codes (used up if right).

    django-otp slows repeated wrong codes for a device (1, 2, 4, 8... seconds); while it does, no
    code is checked and `wait_seconds` says how long is left.
    """
    code = clean_code(code)
    if not code:
        return CodeCheck()
    if code.isdigit() and len(code) == 6:
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    wait = 0
    for device in devices.order_by("pk"):
        allowed, details = device.verify_is_allowed()
        if not allowed:
            locked_until = (details or {}).get("locked_until")
            if locked_until is not None:
                wait = max(wait, int((locked_until - timezone.now()).total_seconds()) + 1)
            continue
        verified = otp_verify_token(user, device.persistent_id, code)
        if verified is not None:
            return CodeCheck(device=verified)
    return CodeCheck(wait_seconds=wait)
