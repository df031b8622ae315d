"""Account changes that are more than a form save: email confirmation and erasing personal data."""

import logging
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from learning.mail import language_of, render_email, request_language

from .tasks import send_account_email

logger = logging.getLogger(__name__)

CONFIRM_SALT = "accounts.email-confirmation"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 7  # a week


def confirmation_token(user):
    return signing.dumps({"user": user.pk, "email": user.email}, salt=CONFIRM_SALT)


def send_confirmation_email(*, user, base_url, next_url=""):
    """Email a link that confirms the address; delivery happens in a background task.

    `next_url` (a path on this site) is where confirming takes the person, so they go back to what they were doing.
    """
    link = base_url.rstrip("/") + reverse("accounts:confirm_email", args=[confirmation_token(user)])
    if next_url:
        link += "?" + urlencode({"next": next_url})
    # In the language they chose, else the one they are using now: they asked for this link themselves.
    language = language_of(user, fallback=request_language())
    subject, body = render_email("accounts/email/confirm_email", {"user": user, "link": link}, language=language)
    send_account_email.enqueue(subject=subject, body=body, to=[user.email])


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

    A community group must always keep a coordinator, so the last coordinator of an open group
    hands over first (a closed group changes no more). Asked through the app registry so accounts
    works without learning.
    """
    if not apps.is_installed("learning"):
        return None
    try:
        Membership = apps.get_model("learning", "Membership")
    except LookupError:
        return None
    sole = []
    for membership in Membership.objects.filter(
        user=user, left__isnull=True, role="coordinator", group__closed_at__isnull=True
    ).select_related("group"):
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


# Each installed app's own part of erasing a person, called with user=, email= and names= before the
# account itself is cleared. The apps never import accounts: the host lists them here (or in the
# ACCOUNTS_ERASURE_PROVIDERS setting, a list of dotted paths).
DEFAULT_ERASURE_PROVIDERS = {
    "learning": "learning.erasure.erase_personal_data",
    "learning.readiness": "learning.readiness.erasure.erase_personal_data",
    "learning.partners": "learning.partners.erasure.erase_personal_data",
    "resources": "resources.erasure.erase_personal_data",
}


def erasure_providers():
    configured = getattr(settings, "ACCOUNTS_ERASURE_PROVIDERS", None)
    if configured is None:
        configured = [path for app, path in DEFAULT_ERASURE_PROVIDERS.items() if apps.is_installed(app)]
    return [import_string(path) for path in configured]


def _names_of(user):
    names = {user.display_name, user.get_full_name(), user.first_name, user.last_name}
    return sorted(name.strip() for name in names if name and name.strip())


def _forget_sign_ins(email):
    """django-axes keeps every failed and successful sign-in with the email as typed, the address and browser."""
    for model_name in ("AccessAttempt", "AccessLog", "AccessFailureLog"):
        try:
            model = apps.get_model("axes", model_name)
        except LookupError:
            continue
        model.objects.filter(username__iexact=email).delete()


def _delete_file_after_commit(field_file):
    if not field_file:
        return
    storage, name = field_file.storage, field_file.name

    def remove():
        try:
            storage.delete(name)
        except FileNotFoundError:
            pass  # already gone

    transaction.on_commit(remove)


def _forget_profile_and_devices(user):
    """The Wagtail admin profile (and its avatar file), second-factor devices and personal data downloads."""
    profile_model = _model_or_none("wagtailusers", "UserProfile")
    if profile_model is not None:
        for profile in profile_model.objects.filter(user=user):
            _delete_file_after_commit(profile.avatar)
            profile.delete()
    for label, model_name in (("otp_totp", "TOTPDevice"), ("otp_static", "StaticDevice")):
        device_model = _model_or_none(label, model_name)
        if device_model is not None:
            device_model.objects.filter(user=user).delete()
    export_model = _model_or_none("accounts", "PersonalDataExport")
    if export_model is not None:
        for export in export_model.objects.filter(user=user):
            _delete_file_after_commit(export.file)
            export.delete()


def _model_or_none(app_label, model_name):
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def _forget_admin_history_labels(user):
    """Wagtail's history of changes to this account names it in each entry's label; the entries stay."""
    log_model = _model_or_none("wagtailcore", "ModelLogEntry")
    if log_model is None:
        return
    content_type = ContentType.objects.get_for_model(user, for_concrete_model=False)
    log_model.objects.filter(content_type=content_type, object_id=str(user.pk)).update(
        label=_("A former member"), data={}
    )


@transaction.atomic
def erase_personal_data(*, user):
    """Erase a person's personal data but keep what they did for their groups.

    The account row stays so that progress, reflections, evidence and reviews keep their
    attribution, which then reads "A former member". Each app's provider removes its part
    (memberships end, unpublished story drafts and their photos go); then the sign-in records
    django-axes kept, the Wagtail profile and avatar, second-factor devices, personal data
    downloads and sessions go, and the account's email and names are replaced. Raises
    ValidationError (and changes nothing) if they are still the last coordinator of an open group:
    `erasure_blocker` says so before anyone asks.
    """
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if user.erased_at:
        return user
    now = timezone.now()
    email, names = user.email, _names_of(user)
    # First: if a group refuses (its last coordinator), nothing else has been touched.
    for provider in erasure_providers():
        provider(user=user, email=email, names=names)
    _forget_sign_ins(email)
    _forget_profile_and_devices(user)
    _forget_admin_history_labels(user)
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
    user.user_permissions.clear()
    for session in Session.objects.filter(expire_date__gt=now).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
    logger.info("Erased personal data of user %s", user.pk)
    return user
