"""Sign-in and sign-up forms for people using the Hub."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _


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

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if getattr(settings, "ACCOUNTS_REQUIRE_EMAIL_CONFIRMATION", False) and user.email_confirmed_at is None:
            raise forms.ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")


class SignUpForm(UserCreationForm):
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

    def clean_email(self):
        return get_user_model().objects.normalize_email(self.cleaned_data["email"])

    def _get_validation_exclusions(self):
        # Whether the address already has an account is never said on the page, so sign-up cannot be
        # used to find out who is registered: `accounts.verification.register` emails the owner instead.
        # Leaving the email out of the model's checks skips its unique field and case-insensitive
        # constraint; the form's EmailField has already checked the address itself.
        return {*super()._get_validation_exclusions(), "email"}


class ProfileForm(forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ("display_name",)
        labels = {"display_name": _("Your name")}


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
