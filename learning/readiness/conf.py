"""Settings the readiness app reads, each with a default so a host site need not set them."""

from django.conf import settings


def portfolio_page_size():
    """How many groups a funder's portfolio shows a page."""
    return int(getattr(settings, "READINESS_PORTFOLIO_PAGE_SIZE", 25))


def access_log_page_size():
    return int(getattr(settings, "READINESS_ACCESS_LOG_PAGE_SIZE", 50))


def site_url():
    """The address emails link back to (no trailing slash); Wagtail's admin base URL unless set."""
    url = getattr(settings, "READINESS_SITE_URL", None) or getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    return url.rstrip("/")


def share_request_rate():
    """How many "ask to share" requests one reviewer may send in a period, as django-ratelimit reads it."""
    return getattr(settings, "READINESS_SHARE_REQUEST_RATE", "10/h")


def access_log_retention_days():
    """How many days an entry of the funder access log is kept (two years: a group can look back over a
    whole funding round); the host's retention command deletes older ones."""
    return int(getattr(settings, "READINESS_ACCESS_LOG_RETENTION_DAYS", 730))


def framework_cache_seconds():
    """How long the readiness framework is kept in the cache under the content version (0: never kept).

    Safe however long: any edit in the admin moves the content version on, so a new key is asked for.
    """
    return int(getattr(settings, "READINESS_FRAMEWORK_CACHE_SECONDS", 600))
