"""Settings the resources app reads, each with a default so a host site need not set them."""

from django.conf import settings


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
