"""The capability framework as data: readiness domains, their four levels, indicators and helpful steps.

Domains, level descriptors and indicators are translatable with wagtail-localize (issue 15). Groups' records
(ratings, agreed levels, evidence links, funders' thresholds) point at the rows in the default language;
`readiness.selectors` shows a person the words of the rows in their language, English where there are none.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Orderable, TranslatableMixin

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


def default_language():
    """The content language groups' records are kept in ("en-gb")."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def in_default_language():
    """`limit_choices_to` for a funder's setting per domain: choose among the default-language domains."""
    return {"locale__language_code": default_language()}


class ReadinessDomainQuerySet(models.QuerySet):
    def canonical(self):
        """The domains in the default language: the ones groups' ratings, levels and evidence point at."""
        return self.filter(locale__language_code=default_language())


class ReadinessDomain(TranslatableMixin, ClusterableModel):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name"), max_length=80)
    summary = models.TextField(_("summary"), max_length=600, help_text=_("What this domain covers, in plain English."))
    why_it_matters = models.TextField(_("why it matters"), max_length=1000, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ReadinessDomainQuerySet.as_manager()

    class Meta:
        verbose_name = _("readiness domain")
        verbose_name_plural = _("readiness domains")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["translation_key", "locale"], name="readiness_domain_one_per_language"),
            models.UniqueConstraint(fields=["locale", "slug"], name="readiness_domain_slug_per_language"),
            models.UniqueConstraint(fields=["locale", "name"], name="readiness_domain_name_per_language"),
        ]

    def __str__(self):
        return self.name


class InDomainLanguageQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.take_domain_language()
        return super().bulk_create(objs, *args, **kwargs)


class InDomainLanguage(TranslatableMixin):
    """A domain's translatable part is in its domain's language unless given one, also when made in bulk."""

    objects = InDomainLanguageQuerySet.as_manager()

    class Meta:
        abstract = True

    def take_domain_language(self):
        if self.locale_id is None and self.domain_id is not None:
            self.locale_id = self.domain.locale_id

    def save(self, *args, **kwargs):
        self.take_domain_language()
        super().save(*args, **kwargs)


class MaturityLevel(InDomainLanguage, Orderable):
    domain = ParentalKey(ReadinessDomain, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    descriptor = models.TextField(_("what it looks like"), max_length=600)

    class Meta(Orderable.Meta):
        verbose_name = _("maturity level")
        constraints = [
            models.UniqueConstraint(fields=["domain", "level"], name="readiness_one_descriptor_per_level"),
            models.UniqueConstraint(fields=["translation_key", "locale"], name="readiness_level_one_per_language"),
        ]

    def __str__(self):
        return f"{self.domain}: {self.get_level_display()}"


class Indicator(InDomainLanguage, Orderable):
    domain = ParentalKey(ReadinessDomain, on_delete=models.CASCADE, related_name="indicators")
    text = models.CharField(_("indicator"), max_length=255)

    class Meta(Orderable.Meta):
        verbose_name = _("indicator")
        constraints = [
            models.UniqueConstraint(fields=["translation_key", "locale"], name="readiness_indicator_one_per_language")
        ]

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
