"""The directory of public bodies a group may work with, kept by editors."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    COUNCIL = "council", _("Council")
    HEALTH_BOARD = "health_board", _("Health board")
    HSCP = "hscp", _("Health and social care partnership")
    HOUSING_ASSOCIATION = "housing_association", _("Housing association")
    POLICE_DIVISION = "police_division", _("Police Scotland division")
    OTHER = "other", _("Other public body")


class PublicBody(models.Model):
    """A council, health board, partnership, housing association or other public body (a snippet)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=BodyKind.choices)
    identifier = models.CharField(
        _("identifier"),
        max_length=100,
        blank=True,
        help_text=_("Where one exists: an org-id such as GB-SC-SC012345, or a GSS code such as S12000049."),
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("public body")
        verbose_name_plural = _("public bodies")
        ordering = ["name"]

    def __str__(self):
        return self.name
