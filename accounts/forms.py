"""Sign-in and sign-up forms for people using the Hub."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    UserCreationForm,
)
from django.core.mail import EmailMultiAlternatives
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from learning import notices
from learning.mail import language_of, render_email, request_language

# Django empties password boxes when a form comes back (so a password never sits in the page's HTML);
# the messages say so, what was wrong, and sit beside the box they are about.
PASSWORD_MISMATCH = _("The two passwords are different. Type the same new password in both boxes.")
PASSWORDS_EMPTIED = _("For your safety the password boxes are emptied when something needs fixing: type them again.")
PASSWORD_EMPTIED = _("For your safety the password box is emptied when something needs fixing: type it again.")


def _without_autofocus_when_bound(form):
    """A form that comes back with errors lets its error summary take focus (only one autofocus per page)."""
    if form.is_bound:
        for field in form.fields.values():
            field.widget.attrs.pop("autofocus", None)


class PlainPasswordsMixin:
    """New-password forms whose messages name the first box, not "Password confirmation"."""

    def validate_password_for_user(self, user, password_field_name="password2"):  # noqa: S107 (a field name)
        # Django puts "too short", "too common" and the like under the second box; they are about the
        # password typed in the first one.
        first = {"password2": "password1", "new_password2": "new_password1"}.get(password_field_name)
        return super().validate_password_for_user(user, first or password_field_name)

    def _say_passwords_emptied(self, *names):
        if self.is_bound:
            for name in names:
                self.fields[name].help_text = format_lazy("{} {}", PASSWORDS_EMPTIED, self.fields[name].help_text)


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    error_messages = {
        "invalid_login": _(
            "We could not sign you in with that email address and password. "
            "Check them and try again: the password is case-sensitive."
        ),
        "inactive": _("This account has been closed."),
        "unconfirmed": _(
            "Please confirm your email address first: open the link we emailed you when you created your account."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _without_autofocus_when_bound(self)
        if self.is_bound:
            self.fields["password"].help_text = PASSWORD_EMPTIED

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if getattr(settings, "ACCOUNTS_REQUIRE_EMAIL_CONFIRMATION", False) and user.email_confirmed_at is None:
            raise forms.ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")


class SignUpForm(PlainPasswordsMixin, UserCreationForm):
    error_messages = {**UserCreationForm.error_messages, "password_mismatch": PASSWORD_MISMATCH}

    class Meta:
        model = get_user_model()
        fields = ("email", "display_name")
        labels = {"email": _("Email address"), "display_name": _("Your name")}
        help_texts = {
            "email": _("You use this to sign in. We never show it to other groups."),
            "display_name": _("How other people in your group will see you, for example 'Sam' or 'Sam K'."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["password2"].label = _("Type the password again")
        self.fields["password2"].help_text = _("The same as above, so we know it has no typing mistake.")
        self._say_passwords_emptied("password2")
        _without_autofocus_when_bound(self)

    def clean_email(self):
        return get_user_model().objects.normalize_email(self.cleaned_data["email"])

    def _get_validation_exclusions(self):
        # Whether the address already has an account is never said on the page, so sign-up cannot be
        # used to find out who is registered: `accounts.verification.register` emails the owner instead.
        # Leaving the email out of the model's checks skips its unique field and case-insensitive
        # constraint; the form's EmailField has already checked the address itself.
        return {*super()._get_validation_exclusions(), "email"}


class PasswordResetInTheirLanguageForm(PasswordResetForm):
    """Django's reset form, writing the email in the account owner's language (their choice, else the
    language of the request, which is nearly always theirs)."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        language = language_of(context["user"], fallback=request_language())
        subject, body = render_email(email_template_name.removesuffix(".txt"), context, language=language)
        EmailMultiAlternatives(subject, body, from_email, [to_email]).send()


class PlainSetPasswordForm(PlainPasswordsMixin, SetPasswordForm):
    """Choosing a new password from a reset link."""

    error_messages = {**SetPasswordForm.error_messages, "password_mismatch": PASSWORD_MISMATCH}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password2"].label = _("Type the new password again")
        self.fields["new_password2"].help_text = _("The same as above, so we know it has no typing mistake.")
        self._say_passwords_emptied("new_password2")


class PlainPasswordChangeForm(PlainPasswordsMixin, PasswordChangeForm):
    """Changing your password while signed in."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_mismatch": PASSWORD_MISMATCH,
        "password_incorrect": _("That is not your current password. Check it and type it again."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Your current password")
        self.fields["new_password2"].label = _("Type the new password again")
        self.fields["new_password2"].help_text = _("The same as above, so we know it has no typing mistake.")
        self._say_passwords_emptied("new_password2")
        _without_autofocus_when_bound(self)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ("display_name", "interface_language")
        labels = {"display_name": _("Your name"), "interface_language": _("Language of the Hub")}
        help_texts = {
            "interface_language": _(
                "The words on buttons, menus and messages. What your group writes stays as it was written."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each language is named in itself, as the language switcher shows it.
        self.fields["interface_language"].widget = forms.Select(
            choices=[("", _("The language my browser asks for")), *settings.LANGUAGES]
        )


class NoticeEmailForm(forms.Form):
    """For each kind of notice, whether the person also gets an email (one box each, ticked as they are now)."""

    prefix = "emails"

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, email in notices.email_choices(user):
            self.fields[kind.name] = forms.BooleanField(label=kind.label, required=False, initial=email)


class EraseAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To make sure it is really you."),
    )
    understood = forms.BooleanField(
        label=_("I understand this cannot be undone"),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password. Check it and try again."))
        return password
