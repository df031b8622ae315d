"""Editors feature a group's published summary of an ask beside a case study (a row of the case study page).

The row is part of the case study page, so it goes through the page's moderation and revisions like the rest of
the story; the visitor sees it only while the group keeps the summary published (`selectors.featured_summaries`).
"""

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from .asks import Ask

PUBLISHED_NOW = Q(published_at__isnull=False, group__closed_at__isnull=True)


class PublishedSummaryChoice(forms.ModelChoiceField):
    """The editor's choice: each summary named with its group and the body asked, loaded in one query."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset.select_related("group", "body").order_by("group__name", "-sent_on"), **kwargs)
        self.error_messages["invalid_choice"] = _(
            "Choose a summary a group has published. The one chosen has been withdrawn, or its group has closed."
        )

    def label_from_instance(self, obj):
        return _("%(title)s: %(group)s, to %(body)s") % {"title": obj.title, "group": obj.group.name, "body": obj.body}


class PublishedSummaryField(models.ForeignKey):
    """The ask an editor features: only summaries published now are offered (`limit_choices_to`)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PublishedSummaryChoice, **kwargs})


class FeaturedSummary(Orderable):
    """One published summary an editor chose to show on a case study page."""

    page = ParentalKey("resources.CaseStudyPage", on_delete=models.CASCADE, related_name="featured_summaries")
    ask = PublishedSummaryField(
        Ask,
        verbose_name=_("published summary"),
        on_delete=models.CASCADE,
        related_name="featured_on",
        limit_choices_to=PUBLISHED_NOW,
        help_text=_("Only summaries a group has published are offered. If the group withdraws it, it is not shown."),
    )

    panels = [FieldPanel("ask")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured summary")
        verbose_name_plural = _("featured summaries")

    def __str__(self):
        return str(self.ask)
