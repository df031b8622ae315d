"""Account pages: sign in, sign up, sign out, your account, password reset."""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse, reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from home import locale
from learning.services import notices as notice_services

from . import middleware, services, throttling, verification
from .forms import (
    EmailAuthenticationForm,
    EraseAccountForm,
    NoticeEmailForm,
    PasswordResetInTheirLanguageForm,
    PlainPasswordChangeForm,
    PlainSetPasswordForm,
    ProfileForm,
    SignUpForm,
)

# "Tell your story" stays for people with an account and a confirmed address, and a visitor who
# follows the link is told why on the sign-in and sign-up pages and comes back to it (`next`),
# rather than the Hub taking stories from visitors: an editor checks every story with its teller
# before publishing and takes it down when asked, the consent is given by a person the Hub can
# reach again, and the per-account sending limit and the "your stories" page need an account.
# Accepting visitors' stories would need all of that again for an email address alone.
WHY_AN_ACCOUNT = {
    "resources:story_new": gettext_lazy(
        "To tell your story you need an account with a confirmed email address. An editor reads every "
        "story and checks it with you before it is published, and you can ask us to take it down at any "
        "time, so we need a way to reach you. Once you are signed in you will come straight back to your story."
    ),
}


def _why_an_account(next_url):
    """Why the page a visitor was going to needs an account, or "" when the page needs no words."""
    try:
        match = resolve(urlsplit(next_url or "").path or "/")
    except Resolver404:
        return ""
    return WHY_AN_ACCOUNT.get(match.view_name, "")


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["why_an_account"] = _why_an_account(context.get("next"))
        return context

    def post(self, request, *args, **kwargs):
        # Against password spraying: an address that keeps failing, whichever accounts it tries, is
        # paused; axes separately pauses one account from one address.
        usage = throttling.sign_in_failures_exceeded(request)
        if usage:
            return throttling.too_many_requests(request, usage)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        throttling.record_sign_in_failure(self.request)
        return super().form_invalid(form)

    def form_valid(self, form):
        # The person's chosen language follows them to this browser when they sign in.
        response = super().form_valid(form)
        if form.get_user().interface_language:
            locale.remember_language(response, form.get_user().interface_language)
        return response


class SignOutView(auth_views.LogoutView):
    template_name = "accounts/logged_out.html"


@throttling.limit_posts_per_address(throttling.SIGN_UP)
def sign_up(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if request.user.is_authenticated:
        return redirect(next_url or "/")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The same answer whether the address is new or already has an account (its owner is emailed),
        # so sign-up cannot be used to find out who is registered. Nobody is signed in here.
        verification.register(form=form, base_url=request.build_absolute_uri("/"), next_url=next_url)
        return redirect(_with_next(reverse("accounts:signup_sent"), next_url))
    return render(
        request, "accounts/signup.html", {"form": form, "next": next_url, "why_an_account": _why_an_account(next_url)}
    )


def signup_sent(request):
    """After sign-up: check your email (the same page whether the address was new or already registered)."""
    return render(request, "accounts/signup_sent.html", {"next": _safe_next(request, request.GET.get("next"))})


def _safe_next(request, next_url):
    """A `next` address on this site, or "" (never send a person to another site)."""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return ""


def _with_next(url, next_url):
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


@login_required
def account(request):
    """Your details, and which notices also come to you by email: two forms, told apart by their button."""
    saving_emails = request.method == "POST" and "save_emails" in request.POST
    form = ProfileForm(request.POST if request.method == "POST" and not saving_emails else None, instance=request.user)
    email_form = NoticeEmailForm(request.POST if saving_emails else None, user=request.user)
    if saving_emails and email_form.is_valid():
        notice_services.set_email_choices(user=request.user, choices=email_form.cleaned_data)
        messages.success(request, _("Your email choices are saved."))
        return redirect(reverse("accounts:account") + "#email-choices")
    if request.method == "POST" and not saving_emails and form.is_valid():
        user = form.save()
        response = redirect("accounts:account")
        if user.interface_language:
            # The message is shown on the next page, so it is written in the language just chosen.
            with translation.override(user.interface_language):
                messages.success(request, _("Your details are saved."))
            locale.remember_language(response, user.interface_language)
        else:
            messages.success(request, _("Your details are saved."))
            response.delete_cookie(settings.LANGUAGE_COOKIE_NAME, path=settings.LANGUAGE_COOKIE_PATH)
        return response
    return render(request, "accounts/account.html", {"form": form, "email_form": email_form})


@login_required
@require_POST
def sign_out_everywhere(request):
    """End every sign-in of this person on every device, this one included: they sign in again here."""
    middleware.sign_out_everywhere(user=request.user)
    logout(request)
    messages.success(request, _("You are signed out on every device, this one included. Sign in again to carry on."))
    return redirect("accounts:login")


@method_decorator(throttling.limit_posts_per_address(throttling.RESET_REQUESTS), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = PasswordResetInTheirLanguageForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = PlainSetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PlainPasswordChangeForm
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


def confirm_email(request, token):
    """Show a button to confirm an address (a GET never changes anything); the POST confirms it.

    Then the person goes back to what they were doing (`next`, signing in first if they need to), or
    home, where signing in lands.
    """
    user = services.user_for_confirmation_token(token)
    if user is None:
        return render(request, "accounts/confirm_email.html", {"invalid": True}, status=400)
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "POST":
        services.confirm_email(user=user)
        if request.user.is_authenticated:
            messages.success(request, _("Thank you. Your email address is confirmed."))
            # Home, as after signing in: for someone with no group yet it explains the two ways in.
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
        messages.success(request, _("Thank you. Your email address is confirmed. Sign in to carry on."))
        return redirect(_with_next(reverse("accounts:login"), next_url))
    return render(request, "accounts/confirm_email.html", {"confirm_user": user, "next": next_url})


@login_required
@require_POST
def resend_confirmation(request):
    """Email a new confirmation link; it, and this button, bring the person back to the page they were on."""
    next_url = _safe_next(request, request.POST.get("next"))
    if request.user.email_confirmed_at is None:
        services.send_confirmation_email(user=request.user, base_url=request.build_absolute_uri("/"), next_url=next_url)
        messages.success(
            request,
            _("We have sent a new confirmation link to %(email)s. Open it, then carry on here.")
            % {"email": request.user.email},
        )
    return redirect(next_url or "accounts:account")


@login_required
def erase_account(request):
    """Erase your personal data; what you did for your groups stays, shown as a former member's."""
    form = EraseAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        problem = services.erasure_blocker(user=request.user)
        if not problem:
            try:
                services.erase_personal_data(user=request.user)
            except ValidationError as error:
                # A group lost its other coordinator between the check and the erasure.
                problem = error
        if problem:
            form.add_error(None, problem)
        else:
            logout(request)
            return render(request, "accounts/erased.html")
    return render(request, "accounts/erase.html", {"form": form})
