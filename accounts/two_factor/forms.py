"""The one form two-step sign-in needs: a code, from the app or from the recovery codes."""

from django import forms
from django.utils.translation import gettext_lazy as _


class AppCodeForm(forms.Form):
    """A 6-digit code from the authenticator app (setting up: recovery codes do not exist yet)."""

    code = forms.CharField(
        label=_("The 6-digit code your app shows"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )


class CodeForm(forms.Form):
    """A code from the authenticator app, or one of the person's recovery codes."""

    code = forms.CharField(
        label=_("Code"),
        help_text=_("The 6-digit code your authenticator app shows now, or one of your recovery codes."),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "none"}
        ),
    )
