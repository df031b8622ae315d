"""Who from outside a group looked at its records, and when: the shape every access log shares.

Each entry names the person who looked (`viewer`), what they did (`kind`, with the app's own choices), a
detail and the moment. Readiness's `AccessLog` (funder reviewers) and partners' `PartnerAccessLog`
(partner officers) are both built on it; each adds `group`, the organisation that looked and its grant, as
`ConsentGrant`'s subclasses add theirs. Entries are kept for a retention period set by each app, then the
host's retention command deletes them (`expired_records`).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def kind_field(choices):
    """The `kind` field of an access log, with its app's choices of what a viewer did."""
    return models.CharField(_("what they did"), max_length=20, choices=choices.choices)


class AccessLogQuerySet(models.QuerySet):
    def older_than(self, days, *, now=None):
        """Entries written more than `days` days before `now`: past their retention period."""
        return self.filter(viewed_at__lt=(now or timezone.now()) - timedelta(days=days))


class AccessLogEntry(models.Model):
    """One view of a group's records by someone outside it; subclasses add `group`, the organisation and `kind`."""

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    viewed_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-viewed_at", "-pk"]
        indexes = [models.Index(fields=["group", "-viewed_at"])]

    @classmethod
    def expired_records(cls, what, *, days, now):
        """The (what, entries past `days` days, days) row a host's retention command reads (`accounts.retention`)."""
        return [(what, cls.objects.older_than(days, now=now), days)]
