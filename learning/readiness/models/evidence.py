"""Links from a group's evidence (kept by the learning app) to the readiness domains it supports, and the
areas a group took a piece out of (so the Hub does not link it there again)."""

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
    # Linked by the Hub because the area suggests evidence of this type; the group can take it out.
    automatic = models.BooleanField(_("linked by the Hub"), default=False)

    class Meta:
        verbose_name = _("evidence link")
        constraints = [
            models.UniqueConstraint(fields=["evidence", "domain"], name="readiness_evidence_once_per_domain")
        ]

    def __str__(self):
        return f"{self.evidence} supports {self.domain}"


class DeclinedEvidenceLink(models.Model):
    """An area the group took a piece of evidence out of: the Hub never links it there again by itself."""

    evidence = models.ForeignKey("learning.Evidence", on_delete=models.CASCADE, related_name="declined_domain_links")
    domain = models.ForeignKey(
        ReadinessDomain, verbose_name=_("domain"), on_delete=models.CASCADE, related_name="declined_evidence_links"
    )
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    declined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("evidence taken out of an area")
        verbose_name_plural = _("evidence taken out of areas")
        constraints = [
            models.UniqueConstraint(fields=["evidence", "domain"], name="readiness_evidence_declined_once_per_domain")
        ]

    def __str__(self):
        return f"{self.evidence} taken out of {self.domain}"
