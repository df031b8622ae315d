"""Keeping records no longer than their documented retention periods (`manage.py apply_retention`, run daily).

- django-axes' sign-in records (attempts, successful sign-ins, failures: email as typed, address,
  browser): ACCOUNTS_SIGN_IN_RECORDS_RETENTION_DAYS, 90 days unless set;
- each installed app's own records, through a provider (the readiness app's funder access log:
  READINESS_ACCESS_LOG_RETENTION_DAYS, and the partners app's officers' access log:
  PARTNERS_ACCESS_LOG_RETENTION_DAYS, each 730 days unless set);
- expired personal and group data downloads, through `accounts.data_export.purge_expired_exports`.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

# Each app's records with a retention period, as `expired_records(now)` returning (what, queryset, days)
# rows. The host lists them (the apps never import accounts); ACCOUNTS_RETENTION_PROVIDERS overrides.
DEFAULT_RETENTION_PROVIDERS = {
    "learning.readiness": "learning.readiness.retention.expired_records",
    "learning.partners": "learning.partners.retention.expired_records",
}
EXPORT_PURGER = "accounts.data_export.purge_expired_exports"
AXES_MODELS = (
    ("AccessAttempt", _("sign-in attempts being counted")),
    ("AccessLog", _("sign-in records")),
    ("AccessFailureLog", _("failed sign-in records")),
)


def sign_in_records_days():
    return int(getattr(settings, "ACCOUNTS_SIGN_IN_RECORDS_RETENTION_DAYS", 90))


@dataclass
class Removed:
    what: str
    days: object  # None when the rows expire by their own date (data downloads)
    count: object  # None when a dry run cannot count without removing


def retention_providers():
    configured = getattr(settings, "ACCOUNTS_RETENTION_PROVIDERS", None)
    if configured is None:
        configured = [path for app, path in DEFAULT_RETENTION_PROVIDERS.items() if apps.is_installed(app)]
    return [import_string(path) for path in configured]


def expired_sign_in_records(now):
    days = sign_in_records_days()
    cutoff = now - timedelta(days=days)
    rows = []
    for model_name, what in AXES_MODELS:
        try:
            model = apps.get_model("axes", model_name)
        except LookupError:
            continue
        rows.append((what, model.objects.filter(attempt_time__lt=cutoff), days))
    return rows


def export_purger():
    """The data-download purge, when the site has it (None otherwise)."""
    try:
        return import_string(EXPORT_PURGER)
    except ImportError:
        return None


def apply_retention(*, dry_run=False, now=None):
    """Delete every record older than its retention period; a list of what went (or would go)."""
    now = now or timezone.now()
    rows = expired_sign_in_records(now)
    for provider in retention_providers():
        rows += provider(now)
    removed = []
    with transaction.atomic():
        for what, queryset, days in rows:
            count = queryset.count()
            if count and not dry_run:
                queryset.delete()
            removed.append(Removed(str(what), days, count))
    purge = export_purger()
    if purge is not None:
        # Downloads expire on their own date; the purge deletes files at once, so a dry run does not call it.
        removed.append(Removed(str(_("expired data downloads")), None, None if dry_run else purge(now=now)))
    return removed
