"""Settings the resources app reads, each with a default so a host site need not set them."""

from django.conf import settings
from django.shortcuts import resolve_url
from django.utils.module_loading import import_string


def base_template():
    """The host site's base template that every resources template extends."""
    return getattr(settings, "RESOURCES_BASE_TEMPLATE", "base.html")


def page_size():
    """How many guides, case studies or search results a listing shows at a time."""
    return int(getattr(settings, "RESOURCES_PAGE_SIZE", 12))


def story_max_upload_bytes():
    """The largest photo a person may send with their story."""
    return int(getattr(settings, "RESOURCES_STORY_MAX_UPLOAD_BYTES", 5 * 1024 * 1024))


def case_study_workflow_name():
    """The Wagtail workflow every case study index is assigned to."""
    return getattr(settings, "RESOURCES_CASE_STUDY_WORKFLOW", "Case study review")


def user_is_verified(user):
    """Whether the person has confirmed their email address, asked of the host's RESOURCES_USER_IS_VERIFIED.

    That setting names a callable taking the user; unset (a host without email confirmation), every
    active, signed-in person counts as verified.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    configured = getattr(settings, "RESOURCES_USER_IS_VERIFIED", None)
    if not configured:
        return True
    check = import_string(configured) if isinstance(configured, str) else configured
    return bool(check(user))


def resend_confirmation_url():
    """Where a person who has not confirmed their address asks for a new link (a POST with `next`), or None."""
    configured = getattr(settings, "RESOURCES_RESEND_CONFIRMATION_URL", None)
    return resolve_url(configured) if configured else None


def story_rate():
    """How many stories one person may send in a period, as django-ratelimit reads it ("5/h")."""
    return getattr(settings, "RESOURCES_STORY_RATE", "5/h")
