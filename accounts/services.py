"""Account changes that are more than a form save: email confirmation and erasing personal data."""

import logging

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .tasks import send_account_email

logger = logging.getLogger(__name__)

CONFIRM_SALT = "accounts.email-confirmation"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 7  # a week


def confirmation_token(user):
    return signing.dumps({"user": user.pk, "email": user.email}, salt=CONFIRM_SALT)


def send_confirmation_email(*, user, base_url):
    """Email a link that confirms the address; delivery happens in a background task."""
    link = base_url.rstrip("/") + reverse("accounts:confirm_email", args=[confirmation_token(user)])
    body = render_to_string("accounts/email/confirm_email.txt", {"user": user, "link": link})
    send_account_email.enqueue(
        subject=str(render_to_string("accounts/email/confirm_email_subject.txt")).strip(),
        body=body,
        to=[user.email],
    )


def user_for_confirmation_token(token):
    """The user a confirmation token belongs to, or None if it is forged, expired or out of date."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    user = get_user_model().objects.filter(pk=data.get("user"), erased_at__isnull=True).first()
    if user is None or user.email != data.get("email"):
        return None
    return user


def confirm_email(*, user):
    """Mark the address confirmed; confirming twice keeps the first time."""
    updated = (
        get_user_model()
        .objects.filter(pk=user.pk, email_confirmed_at__isnull=True)
        .update(email_confirmed_at=timezone.now())
    )
    user.refresh_from_db(fields=["email_confirmed_at"])
    return bool(updated)


def erasure_blocker(*, user):
    """Why this person's data cannot be erased yet, or None.

    A community group must always keep a coordinator, so the last coordinator of a group
    hands over first. Asked through the app registry so accounts works without learning.
    """
    if not apps.is_installed("learning"):
        return None
    try:
        Membership = apps.get_model("learning", "Membership")
    except LookupError:
        return None
    sole = []
    for membership in Membership.objects.filter(user=user, left__isnull=True, role="coordinator").select_related(
        "group"
    ):
        others = Membership.objects.filter(group=membership.group, left__isnull=True, role="coordinator").exclude(
            user=user
        )
        if not others.exists():
            sole.append(membership.group.name)
    if sole:
        return _(
            "You are the only coordinator of %(groups)s. Make someone else a coordinator first, "
            "so the group is not left without one."
        ) % {"groups": ", ".join(sole)}
    return None


def _leave_groups(user):
    """End the person's memberships and facilitator assignments under the learning app's own rules.

    Each group gets a "left" entry (which reads "a former member" once the name is gone) and
    facilitator assignments end. Only when learning is installed: accounts works without it.
    """
    if not apps.is_installed("learning"):
        return
    from learning.services.groups import withdraw_from_groups

    withdraw_from_groups(user=user)


@transaction.atomic
def erase_personal_data(*, user):
    """Erase a person's personal data but keep what they did for their groups.

    The account row stays so that progress, reflections and activity keep their attribution,
    which then reads "A former member". Memberships and facilitator assignments end; the person
    can no longer sign in. Raises ValidationError (and changes nothing) if they are still the
    last coordinator of a group: `erasure_blocker` says so before anyone asks.
    """
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if user.erased_at:
        return user
    now = timezone.now()
    # First: if a group refuses (its last coordinator), nothing else has been touched.
    _leave_groups(user)
    user.email = f"erased-{user.pk}@erased.invalid"
    user.display_name = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.erased_at = now
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    from django.contrib.sessions.models import Session

    for session in Session.objects.filter(expire_date__gt=now).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
    logger.info("Erased personal data of user %s", user.pk)
    return user
