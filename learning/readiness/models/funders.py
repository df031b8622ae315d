"""Funder organisations, their reviewers, and what each asks of a group per domain."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from .framework import Level, ReadinessDomain, evidence_type_label, in_default_language


class FunderOrganisation(ClusterableModel):
    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    description = models.TextField(_("about the funder"), max_length=1000, blank=True)
    website = models.URLField(_("website"), blank=True)
    reviewers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewers"), blank=True, related_name="funder_organisations"
    )

    class Meta:
        verbose_name = _("funder organisation")
        verbose_name_plural = _("funder organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class FunderThreshold(Orderable):
    """The lowest agreed level the funder looks for in a domain (below it the Hub suggests amber)."""

    funder = ParentalKey(FunderOrganisation, on_delete=models.CASCADE, related_name="thresholds")
    # CASCADE: a funder's setting for an area means nothing once the area is gone; no group's record is lost.
    domain = models.ForeignKey(
        ReadinessDomain,
        verbose_name=_("domain"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=in_default_language,
    )
    minimum_level = models.PositiveSmallIntegerField(_("lowest level looked for"), choices=Level.choices)

    class Meta(Orderable.Meta):
        verbose_name = _("threshold")
        constraints = [models.UniqueConstraint(fields=["funder", "domain"], name="readiness_one_threshold_per_domain")]

    def __str__(self):
        return gettext("%(funder)s: %(area)s at least %(level)s") % {
            "funder": self.funder,
            "area": self.domain,
            "level": self.minimum_level,
        }


class FunderRequirement(Orderable):
    """Evidence the funder requires for a domain (missing or expired, the Hub suggests red)."""

    funder = ParentalKey(FunderOrganisation, on_delete=models.CASCADE, related_name="requirements")
    # CASCADE: a funder's setting for an area means nothing once the area is gone; no group's record is lost.
    domain = models.ForeignKey(
        ReadinessDomain,
        verbose_name=_("domain"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=in_default_language,
    )
    evidence_type = models.CharField(_("evidence type"), max_length=40)

    class Meta(Orderable.Meta):
        verbose_name = _("required evidence")
        verbose_name_plural = _("required evidence")
        constraints = [
            models.UniqueConstraint(
                fields=["funder", "domain", "evidence_type"], name="readiness_requirement_once_per_domain"
            )
        ]

    def __str__(self):
        return f"{self.funder}: {self.domain} needs {self.label}"

    @property
    def label(self):
        return evidence_type_label(self.evidence_type)
