"""Two-step sign-in pages: set up, give a code after signing in, recovery codes, turn off."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_ratelimit.core import get_usage

from .. import middleware, throttling
from . import services
from .forms import AppCodeForm, CodeForm

CODE_FAILURES = "accounts.two_factor_failures"
NEW_RECOVERY_CODES = "_accounts_new_recovery_codes"


# --- Wrong codes per account (django-ratelimit, as accounts/throttling.py does for sign-in) -------


def _failures(request, *, increment):
    # key="user": counted per account, wherever the guesses come from; only wrong codes count.
    rate = getattr(settings, "ACCOUNTS_TWO_FACTOR_FAILURES_RATE", "5/5m")
    return get_usage(request, group=CODE_FAILURES, key="user", rate=rate, increment=increment)


def _too_many_failures(request):
    usage = _failures(request, increment=False)
    if usage and (usage["count"] >= usage["limit"] or usage["should_limit"]):
        return throttling.too_many_requests(request, usage)
    return None


def _wrong_code(request, form, check):
    _failures(request, increment=True)
    if check.wait_seconds:
        message = ngettext(
            "There have been several wrong codes. Wait %(seconds)d second, then type the newest code.",
            "There have been several wrong codes. Wait %(seconds)d seconds, then type the newest code.",
            check.wait_seconds,
        ) % {"seconds": check.wait_seconds}
    else:
        message = _(
            "That code did not work. Check the app shows the code for the Co-production Hub and type the newest one."
        )
    form.add_error("code", message)


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return ""


def _with_next(url, next_url):
    return f"{url}?next={next_url}" if next_url else url


# --- After signing in ---------------------------------------------------------------------------


@login_required
def verify(request):
    """Ask for a code once per sign-in, for people who need one or have turned it on."""
    next_url = _next_url(request)
    if services.is_verified(request):
        return redirect(next_url or "/")
    if not services.has_second_factor(request.user):
        if middleware.two_factor_required(request.user):
            return redirect(_with_next(reverse("accounts:two_factor_setup"), next_url))
        # No longer needed (turned off, or no longer a reviewer): the middleware must not send them back.
        middleware.forget_two_factor_check(request.session)
        return redirect(next_url or "/")
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        too_many = _too_many_failures(request)
        if too_many:
            return too_many
        if form.is_valid():
            check = services.check_code(user=request.user, code=form.cleaned_data["code"])
            if check.ok:
                services.mark_verified(request, check.device)
                _say_codes_left(request, check.device)
                return redirect(next_url or "/")
            _wrong_code(request, form, check)
    return render(request, "accounts/two_factor/verify.html", {"form": form, "next": next_url})


def _say_codes_left(request, device):
    if device.persistent_id.startswith("otp_static."):
        left = services.recovery_codes_left(request.user)
        messages.warning(
            request,
            ngettext(
                "You used a recovery code. You have %(left)d left: make new ones on your two-step sign-in page.",
                "You used a recovery code. You have %(left)d left: make new ones on your two-step sign-in page.",
                left,
            )
            % {"left": left},
        )


# --- Setting up ---------------------------------------------------------------------------------


@login_required
def set_up(request):
    """Show a new secret (as text and a QR code) and turn it on once the person types a right code.

    Someone who already has an app must give a code from it first (in this session), so a stolen
    password alone cannot swap in the thief's phone.
    """
    next_url = _next_url(request)
    if services.has_second_factor(request.user) and not services.is_verified(request):
        return redirect(_with_next(reverse("accounts:two_factor_verify"), next_url))
    secret = services.pending_secret(request.session)
    form = AppCodeForm(request.POST or None)
    if request.method == "POST":
        too_many = _too_many_failures(request)
        if too_many:
            return too_many
        if form.is_valid():
            device = services.set_up_app(user=request.user, secret=secret, code=form.cleaned_data["code"])
            if device is not None:
                codes = services.make_recovery_codes(user=request.user)
                services.mark_verified(request, device)
                request.session[NEW_RECOVERY_CODES] = codes
                messages.success(request, _("Two-step sign-in is on. Next time you sign in we will ask for a code."))
                return redirect(_with_next(reverse("accounts:two_factor_recovery_codes"), next_url))
            _failures(request, increment=True)
            form.add_error(
                "code",
                _("That code did not match. Check you added the secret shown here, then type the newest code."),
            )
    uri = services.setup_uri(secret, request.user)
    context = {
        "form": form,
        "next": next_url,
        "secret_text": services.secret_as_text(secret),
        "qr_code": services.qr_code_data_uri(uri),
        "setup_uri": uri,
        "required": middleware.two_factor_required(request.user),
        "replacing": services.app_device(request.user) is not None,
    }
    return render(request, "accounts/two_factor/set_up.html", context)


@login_required
def recovery_codes(request):
    """The new recovery codes, shown once: reloading the page does not show them again."""
    codes = request.session.pop(NEW_RECOVERY_CODES, None)
    if not codes:
        messages.info(request, _("Recovery codes are shown only once. You can make a new set here."))
        return redirect("accounts:two_factor")
    return render(
        request, "accounts/two_factor/recovery_codes.html", {"codes": codes, "next": _next_url(request) or ""}
    )


# --- Your two-step sign-in (from the account page) ----------------------------------------------


def _manage_page(request, *, new_codes_form=None, turn_off_form=None, status=200):
    user = request.user
    required = middleware.two_factor_required(user)
    context = {
        "is_on": services.has_second_factor(user),
        "app": services.app_device(user),
        "codes_left": services.recovery_codes_left(user),
        "required": required,
        "new_codes_form": new_codes_form or CodeForm(prefix="new_codes"),
        "turn_off_form": None if required else (turn_off_form or CodeForm(prefix="turn_off")),
    }
    return render(request, "accounts/two_factor/manage.html", context, status=status)


@login_required
def manage(request):
    return _manage_page(request)


@login_required
@require_POST
def new_recovery_codes(request):
    """Replace the recovery codes, after a code from the app (or a recovery code) proves it is the person."""
    too_many = _too_many_failures(request)
    if too_many:
        return too_many
    form = CodeForm(request.POST, prefix="new_codes")
    if form.is_valid():
        check = services.check_code(user=request.user, code=form.cleaned_data["code"])
        if check.ok:
            request.session[NEW_RECOVERY_CODES] = services.make_recovery_codes(user=request.user)
            return redirect("accounts:two_factor_recovery_codes")
        _wrong_code(request, form, check)
    return _manage_page(request, new_codes_form=form)


@login_required
@require_POST
def turn_off(request):
    """Turn two-step sign-in off, for people not required to use it, after a code proves it is them."""
    if middleware.two_factor_required(request.user):
        raise PermissionDenied
    too_many = _too_many_failures(request)
    if too_many:
        return too_many
    form = CodeForm(request.POST, prefix="turn_off")
    if form.is_valid():
        check = services.check_code(user=request.user, code=form.cleaned_data["code"])
        if check.ok:
            services.turn_off(user=request.user)
            services.forget_verification(request)
            middleware.forget_two_factor_check(request.session)
            messages.success(request, _("Two-step sign-in is off. You sign in with your email and password only."))
            return redirect("accounts:account")
        _wrong_code(request, form, check)
    return _manage_page(request, turn_off_form=form)
