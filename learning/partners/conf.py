"""Settings the partners app reads, each with a default so a host site need not set them."""

from django.conf import settings


def access_log_retention_days():
    """How many days an entry of the partner officers' access log is kept (two years, as for funders: a group
    can look back over a whole piece of joint work); the host's retention command deletes older ones."""
    return int(getattr(settings, "PARTNERS_ACCESS_LOG_RETENTION_DAYS", 730))
