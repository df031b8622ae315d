"""Whether a person has shown they own their email address: the one question the plugin apps ask.

The learning and resources apps never import accounts; the host's settings name `is_verified` for
them (LEARNING_USER_IS_VERIFIED, RESOURCES_USER_IS_VERIFIED) and the page where a blocked person
asks for a new confirmation link (LEARNING_RESEND_CONFIRMATION_URL, RESOURCES_RESEND_CONFIRMATION_URL).
Signing up goes through `register` here, which answers the same whether or not the address is taken.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.urls import reverse

from learning.mail import language_of, render_email

from .services import send_confirmation_email
from .tasks import send_account_email


def is_verified(user):
    """An active, signed-in person who has confirmed their email address (and not had it erased)."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and getattr(user, "email_confirmed_at", None) is not None
        and getattr(user, "erased_at", None) is None
    )


def register(*, form, base_url, next_url=""):
    """Create the account a valid sign-up form describes and email its confirmation link.

    When the address already has an account, nothing is created and its owner is told someone tried
    (they may have forgotten they have one). The caller answers both the same way, so sign-up never
    reveals whether an address is registered; the password is hashed either way so the time taken
    does not tell either. Returns the new user, or None when the address was taken.
    """
    User = get_user_model()
    email = User.objects.normalize_email(form.cleaned_data["email"])
    owner = User.objects.filter(email__iexact=email).first()
    if owner is None:
        try:
            with transaction.atomic():
                user = form.save()
        except IntegrityError:
            # Someone signed up with the same address a moment earlier.
            owner = User.objects.filter(email__iexact=email).first()
        else:
            send_confirmation_email(user=user, base_url=base_url, next_url=next_url)
            return user
    make_password(form.cleaned_data.get("password1"))
    if owner is not None and owner.is_active and owner.erased_at is None:
        _send_sign_up_attempt_notice(owner=owner, base_url=base_url)
    return None


def _send_sign_up_attempt_notice(*, owner, base_url):
    """Tell an address's owner that someone tried to create an account with it (a background task)."""
    base = base_url.rstrip("/")
    # In the owner's language: whoever tried may not be them.
    subject, body = render_email(
        "accounts/email/sign_up_attempt",
        {
            "user": owner,
            "sign_in_link": base + reverse("accounts:login"),
            "reset_link": base + reverse("accounts:password_reset"),
        },
        language=language_of(owner),
    )
    send_account_email.enqueue(subject=subject, body=body, to=[owner.email])
