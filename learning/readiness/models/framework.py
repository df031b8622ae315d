"""The capability framework as data: readiness domains, their four levels, indicators and helpful steps."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from ...evidence_types import EvidenceType


class Level(models.IntegerChoices):
    STARTING_OUT = 1, _("1 Starting out")
    BUILDING = 2, _("2 Building")
    ESTABLISHED = 3, _("3 Established")
    SHARING = 4, _("4 Sharing")


def level_name(level):
    """ "3 Established" for 3; empty when there is no level."""
    return dict(Level.choices).get(level, "")


def evidence_type_label(value):
    """The readable name of an evidence type (stored without choices so the list can grow freely)."""
    try:
        return EvidenceType(value).label
    except ValueError:
        return value


class ReadinessDomain(ClusterableModel):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    summary = models.TextField(_("summary"), max_length=600, help_text=_("What this domain covers, in plain English."))
    why_it_matters = models.TextField(_("why it matters"), max_length=1000, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("readiness domain")
        verbose_name_plural = _("readiness domains")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class MaturityLevel(Orderable):
    domain = ParentalKey(ReadinessDomain, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    descriptor = models.TextField(_("what it looks like"), max_length=600)

    class Meta(Orderable.Meta):
        verbose_name = _("maturity level")
        constraints = [models.UniqueConstraint(fields=["domain", "level"], name="readiness_one_descriptor_per_level")]

    def __str__(self):
        return f"{self.domain}: {self.get_level_display()}"


class Indicator(Orderable):
    domain = ParentalKey(ReadinessDomain, on_delete=models.CASCADE, related_name="indicators")
    text = models.CharField(_("indicator"), max_length=255)

    class Meta(Orderable.Meta):
        verbose_name = _("indicator")

    def __str__(self):
        return self.text


class SuggestedEvidence(Orderable):
    domain = ParentalKey(ReadinessDomain, on_delete=models.CASCADE, related_name="suggested_evidence")
    evidence_type = models.CharField(_("evidence type"), max_length=40)

    class Meta(Orderable.Meta):
        verbose_name = _("suggested evidence")
        verbose_name_plural = _("suggested evidence")

    def __str__(self):
        return self.label

    @property
    def label(self):
        return evidence_type_label(self.evidence_type)


class DomainStep(Orderable):
    """A pathway step that helps a group improve in this domain."""

    domain = ParentalKey(ReadinessDomain, on_delete=models.CASCADE, related_name="step_links")
    step = models.ForeignKey(
        "learning.StepPage", verbose_name=_("step"), on_delete=models.CASCADE, related_name="readiness_domain_links"
    )

    class Meta(Orderable.Meta):
        verbose_name = _("helpful step")
        constraints = [models.UniqueConstraint(fields=["domain", "step"], name="readiness_step_once_per_domain")]

    def __str__(self):
        return f"{self.domain}: {self.step}"
