"""A group's consent for an outside organisation to see some of its records: the shape every grant shares.

Scoped (each kind of grant adds its own `share_*` fields), dated (given on, until), revocable (stopped on,
by whom) and checked on every request through `live()`, so stopping or expiry takes effect at once.
Readiness's `ShareGrant` (to a funder) and partners' `PartnerGrant` (to a public body) are both built on it;
the core itself grants nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConsentGrantQuerySet(models.QuerySet):
    def live(self, at=None):
        """Grants in force now: not revoked, not past their expiry, and of a group that is not closed."""
        at = at or timezone.now()
        return self.filter(revoked_at__isnull=True, group__closed_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=at)
        )


class ConsentGrant(models.Model):
    """Who gave the consent and when, until when, and who stopped it; subclasses add `group` and the receiver."""

    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(_("shared on"), default=timezone.now)
    expires_at = models.DateTimeField(_("shared until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("stopped on"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ConsentGrantQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_live(self, at=None):
        at = at or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > at)

    @property
    def last_day(self):
        """The last day the receiver may look, as the coordinator chose it (sharing ends at its midnight)."""
        if self.expires_at is None:
            return None
        return (timezone.localtime(self.expires_at) - timedelta(microseconds=1)).date()
