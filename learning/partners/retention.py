"""How long partners keeps the officers' access log: long enough for a group to see who looked, then no longer."""

from django.utils.translation import gettext_lazy as _

from .conf import access_log_retention_days
from .models import PartnerAccessLog


def expired_records(now):
    """(what, rows past their retention period, days kept) for the host's retention command."""
    return PartnerAccessLog.expired_records(
        _("partner officers' access log entries"), days=access_log_retention_days(), now=now
    )
