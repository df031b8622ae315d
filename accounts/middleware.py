"""Ends a sign-in left idle too long, held too long, or ended by "Sign out everywhere"; asks for a second factor.

The Hub is used on shared community computers, so a session must not outlive the person at the
keyboard. Each session keeps the time its person signed in, the time they were last seen and whether
they see many groups (staff, funder reviewers, facilitators), who get the shorter limits. When a limit
passes the person is signed out and sent to the sign-in page, which brings them back afterwards.

The same people must also give a second factor (accounts/two_factor) once per sign-in before they
reach anything but the two-step sign-in pages; so must anyone who has turned it on for themselves.
"""

import functools
from contextlib import suppress
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError, transaction
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import get_script_prefix, reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from learning.permissions import is_active_facilitator
from learning.readiness.permissions import is_funder_reviewer

from .two_factor import services as two_factor

SIGNED_IN_AT = "_accounts_signed_in_at"
LAST_SEEN = "_accounts_last_seen"
SEES_MANY_GROUPS = "_accounts_sees_many_groups"

# Last-seen is written at most this often, so an active person's session is not saved on every request.
LAST_SEEN_RESOLUTION_SECONDS = 60


def idle_limit_seconds(sees_many_groups):
    if sees_many_groups:
        return 60 * getattr(settings, "ACCOUNTS_PRIVILEGED_SESSION_IDLE_MINUTES", 30)
    return 60 * getattr(settings, "ACCOUNTS_SESSION_IDLE_MINUTES", 120)


def lifetime_limit_seconds(sees_many_groups):
    if sees_many_groups:
        return 3600 * getattr(settings, "ACCOUNTS_PRIVILEGED_SESSION_MAX_HOURS", 12)
    return 3600 * getattr(settings, "ACCOUNTS_SESSION_MAX_HOURS", 24)


def sees_many_groups(user):
    """Staff, anyone who may use the Wagtail admin, funder reviewers and active facilitators."""
    return bool(
        user.is_staff
        or user.is_superuser
        or user.has_perm("wagtailadmin.access_admin")
        or is_funder_reviewer(user)
        or is_active_facilitator(user)
    )


def two_factor_required(user):
    """Whether this person must use two-step sign-in (and so may not turn it off): the same people."""
    return sees_many_groups(user)


def start_session_clock(request, user):
    """Record a new sign-in: now, and whether the shorter limits apply (asked once, not per request)."""
    now = timezone.now().timestamp()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now
    request.session[SEES_MANY_GROUPS] = sees_many_groups(user)


@transaction.atomic
def sign_out_everywhere(*, user):
    """End every sign-in this person has, on every device; each ends at its next request."""
    user.sessions_valid_after = timezone.now()
    user.save(update_fields=["sessions_valid_after"])


def expiry_reason(session, user, now):
    """Why this sign-in has ended ("idle", "lifetime" or "everywhere"), or None while it holds."""
    signed_in_at = session[SIGNED_IN_AT]
    many = session.get(SEES_MANY_GROUPS, True)
    if user.sessions_valid_after is not None and signed_in_at < user.sessions_valid_after.timestamp():
        return "everywhere"
    if now - signed_in_at > lifetime_limit_seconds(many):
        return "lifetime"
    if now - session.get(LAST_SEEN, signed_in_at) > idle_limit_seconds(many):
        return "idle"
    return None


def _return_address(request):
    """Where to go after signing in again: this page, or for a form sent (POST) the page that had the form."""
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return "/"


def _signed_out_message(reason, method):
    if reason == "everywhere":
        text = _("You were signed out because you chose to sign out everywhere. Sign in again.")
    else:
        text = _("You were signed out because you were away for a while. Sign in again.")
    if method not in ("GET", "HEAD", "OPTIONS"):
        text += " " + _("What you just sent was not saved, so please send it again once you are signed in.")
    return text


class SessionLimitsMiddleware:
    """Signs out a session past its idle or absolute limit; belongs below Auth and Message middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            user_id, session_key, signed_out = self._check_limits(request)
        except DatabaseError:
            # The session or the person could not be read (the database is down). The view's own
            # queries fail the same way and the outage page answers; this middleware must not raise first.
            return self.get_response(request)
        if signed_out is not None:
            return signed_out
        response = self.get_response(request)
        with suppress(DatabaseError):
            self._note_new_sign_in(request, user_id, session_key)
        return response

    def _check_limits(self, request):
        """(who was signed in, their session key, a redirect to sign-in if a limit has passed)."""
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        user_id = None
        if has_session and request.user.is_authenticated:
            user_id = request.user.pk
            if SIGNED_IN_AT not in request.session:
                # Signed in before this middleware existed: its clock starts now.
                start_session_clock(request, request.user)
            now = timezone.now().timestamp()
            reason = expiry_reason(request.session, request.user, now)
            if reason:
                method = request.method
                next_path = _return_address(request)
                logout(request)
                messages.info(request, _signed_out_message(reason, method))
                return user_id, None, redirect_to_login(next_path)
            if now - request.session.get(LAST_SEEN, 0) >= LAST_SEEN_RESOLUTION_SECONDS:
                request.session[LAST_SEEN] = now
        session_key = request.session.session_key if has_session else None
        return user_id, session_key, None

    def _note_new_sign_in(self, request, user_id, session_key):
        # Someone signed in during this request (login() always gives the session a new key).
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and (user.pk != user_id or request.session.session_key != session_key)
        ):
            start_session_clock(request, user)


TWO_FACTOR_NEEDED = "_accounts_two_factor_needed"
TWO_FACTOR_CHECKED_AT = "_accounts_two_factor_checked_at"
# Whether a person needs a second factor is asked again this often, so someone made a funder reviewer
# or facilitator during a sign-in is asked for one within a minute, at a few queries a minute.
TWO_FACTOR_RECHECK_SECONDS = 60


def two_factor_needed(request):
    """This signed-in person must give a second factor: they see many groups, or they turned it on."""
    now = timezone.now().timestamp()
    session = request.session
    if now - session.get(TWO_FACTOR_CHECKED_AT, 0) >= TWO_FACTOR_RECHECK_SECONDS:
        session[TWO_FACTOR_NEEDED] = two_factor_required(request.user) or two_factor.has_second_factor(request.user)
        session[TWO_FACTOR_CHECKED_AT] = now
    return session[TWO_FACTOR_NEEDED]


def forget_two_factor_check(session):
    """Ask afresh at the next request (after someone turns it off, or stops needing it)."""
    session.pop(TWO_FACTOR_CHECKED_AT, None)


@functools.lru_cache(maxsize=64)
def _open_paths(_language, _script_prefix, _urlconf):
    """The two-step sign-in pages' addresses, reversed once for each language, script prefix and URLconf."""
    return (
        reverse("accounts:two_factor_verify"),
        reverse("accounts:two_factor_setup"),
        reverse("accounts:logout"),
        reverse("healthz"),
    )


class TwoFactorMiddleware:
    """Keeps a person who needs a second factor to the two-step sign-in pages until they give one.

    Belongs below django-otp's OTPMiddleware (which knows whether this session gave a code) and the
    session limits. Everything else answers with a redirect to the code page (the API with a 403),
    whether Wagtail's admin, the Django admin (and their own sign-in forms), group or funder pages.
    ACCOUNTS_TWO_FACTOR_REQUIRED = False turns it off (the test settings only; a deploy check warns).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(settings, "ACCOUNTS_TWO_FACTOR_REQUIRED", True) and request.user.is_authenticated:
            if not (self._always_open(request.path) or two_factor.is_verified(request)) and two_factor_needed(request):
                return self._keep_out(request)
        return self.get_response(request)

    @staticmethod
    def _always_open(path):
        open_paths = _open_paths(translation.get_language(), get_script_prefix(), settings.ROOT_URLCONF)
        return path in open_paths or path.startswith(settings.STATIC_URL)

    @staticmethod
    def _keep_out(request):
        if request.path.startswith("/api/"):
            return HttpResponseForbidden(
                _("Give the code from your authenticator app first."), content_type="text/plain; charset=utf-8"
            )
        next_path = _return_address(request)
        return redirect(f"{reverse('accounts:two_factor_verify')}?next={quote(next_path)}")
