"""Settings the learning app reads, each with a default so a host site need not set them."""

from pathlib import Path

from django.conf import settings
from django.shortcuts import resolve_url
from django.utils.module_loading import import_string


def base_template():
    """The host site's base template that every learning template extends."""
    return getattr(settings, "LEARNING_BASE_TEMPLATE", "base.html")


def private_media_root():
    """Where evidence files live: outside MEDIA_ROOT, so no public media URL can ever reach them."""
    configured = getattr(settings, "LEARNING_PRIVATE_MEDIA_ROOT", None)
    if configured:
        return str(configured)
    return str(Path(settings.MEDIA_ROOT).resolve().parent / "private")


def evidence_max_bytes():
    """The largest evidence file a group may upload (10 MB unless the host sets another limit)."""
    return int(getattr(settings, "LEARNING_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))


def reflection_edit_minutes():
    """How long after writing a reflection its author may still edit or delete it."""
    return int(getattr(settings, "LEARNING_REFLECTION_EDIT_MINUTES", 60 * 24))


def invitation_days():
    """How many days an invitation link stays valid."""
    return int(getattr(settings, "LEARNING_INVITATION_DAYS", 14))


def login_url():
    """Where a visitor signs in: the host site's LOGIN_URL (a URL or a URL name), as login_required uses."""
    return resolve_url(settings.LOGIN_URL)


def signup_url():
    """Where a visitor creates an account, or None when the host site has no sign-up page to link to."""
    configured = getattr(settings, "LEARNING_SIGNUP_URL", None)
    return resolve_url(configured) if configured else None


def user_is_verified(user):
    """Whether the person has confirmed their email address, asked of the host's LEARNING_USER_IS_VERIFIED.

    That setting names a callable taking the user. A host without email confirmation leaves it unset,
    and then every active, signed-in person counts as verified.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    configured = getattr(settings, "LEARNING_USER_IS_VERIFIED", None)
    if not configured:
        return True
    check = import_string(configured) if isinstance(configured, str) else configured
    return bool(check(user))


def resend_confirmation_url():
    """Where a person who has not confirmed their address asks for a new link (a POST with `next`), or None."""
    configured = getattr(settings, "LEARNING_RESEND_CONFIRMATION_URL", None)
    return resolve_url(configured) if configured else None


def closed_group_retention_days():
    """How many days a closed group's records are kept before `purge_closed_groups` deletes them."""
    return int(getattr(settings, "LEARNING_CLOSED_GROUP_RETENTION_DAYS", 365))


def site_url():
    """The address notice emails link back to (no trailing slash); Wagtail's admin base URL unless set."""
    url = getattr(settings, "LEARNING_SITE_URL", None) or getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    return url.rstrip("/")


def stalled_after_days():
    """How many days without any activity mark a group as stalled on a facilitator's caseload."""
    return int(getattr(settings, "LEARNING_STALLED_AFTER_DAYS", 28))


def content_cache_seconds():
    """How long what editors publish (a step's previous and next, its breadcrumbs) is kept in the cache
    under the content version (0: never kept). Any publish moves the version on, so it is never stale."""
    return int(getattr(settings, "LEARNING_CONTENT_CACHE_SECONDS", 600))


def group_cache_seconds():
    """How long what a group's pages show (its dashboard, progress, step records) is kept in the cache under
    the group's records version (0: never kept). Every write moves the version on, so it is never stale."""
    return int(getattr(settings, "LEARNING_GROUP_CACHE_SECONDS", 600))


def group_identifier_prefix():
    """The prefix of the identifier the Hub gives a group with no registration number.

    A 360Giving prefix (`360G-...`): 360Giving's own namespace for identifiers a publisher makes up, which
    no org-id list code can take (those start with a country or `XI`/`XM` code). A site that registers its
    own prefix with 360Giving sets it here.
    """
    return str(getattr(settings, "LEARNING_GROUP_IDENTIFIER_PREFIX", "360G-coproductionhub"))


def user_language(user):
    """The language a person chose for the Hub, read from the host's user model field named by
    LEARNING_USER_LANGUAGE_FIELD ("interface_language"); "" when they chose none or the model has no such field."""
    return getattr(user, getattr(settings, "LEARNING_USER_LANGUAGE_FIELD", "interface_language"), "") or ""
