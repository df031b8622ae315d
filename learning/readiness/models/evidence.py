"""Links from a group's evidence (kept by the learning app) to the readiness domains it supports."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .framework import ReadinessDomain


class EvidenceDomainLink(models.Model):
    evidence = models.ForeignKey("learning.Evidence", on_delete=models.CASCADE, related_name="readiness_domain_links")
    # An area a group has linked evidence to is kept: the link is what a funder sees the evidence under.
    domain = models.ForeignKey(
        ReadinessDomain, verbose_name=_("domain"), on_delete=models.PROTECT, related_name="evidence_links"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("evidence link")
        constraints = [
            models.UniqueConstraint(fields=["evidence", "domain"], name="readiness_evidence_once_per_domain")
        ]

    def __str__(self):
        return f"{self.evidence} supports {self.domain}"
