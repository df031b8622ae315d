"""How long readiness keeps the funder access log: long enough for a group to see who looked, then no longer."""

from django.utils.translation import gettext_lazy as _

from .conf import access_log_retention_days
from .models import AccessLog


def expired_records(now):
    """(what, rows past their retention period, days kept) for the host's retention command."""
    return AccessLog.expired_records(_("funder access log entries"), days=access_log_retention_days(), now=now)
