"""Admin wiring: the readiness framework and funder organisations as snippets, with ordered inlines."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ..evidence_types import EvidenceType
from .models import FunderOrganisation, ReadinessDomain

EVIDENCE_TYPE_WIDGET = forms.Select(choices=EvidenceType.choices)


class ReadinessDomainViewSet(SnippetViewSet):
    model = ReadinessDomain
    icon = "list-ol"
    menu_label = _("Readiness domains")
    list_display = ["name", "sort_order"]
    ordering = ["sort_order", "name"]
    search_fields = ["name", "summary"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")],
            heading=_("Domain"),
        ),
        FieldPanel("summary"),
        FieldPanel("why_it_matters"),
        InlinePanel(
            "levels",
            heading=_("Maturity levels"),
            label=_("Level"),
            min_num=4,
            max_num=4,
            panels=[FieldPanel("level"), FieldPanel("descriptor")],
        ),
        InlinePanel("indicators", heading=_("Indicators"), label=_("Indicator"), panels=[FieldPanel("text")]),
        InlinePanel(
            "suggested_evidence",
            heading=_("Suggested evidence"),
            label=_("Evidence type"),
            panels=[FieldPanel("evidence_type", widget=EVIDENCE_TYPE_WIDGET)],
        ),
        InlinePanel("step_links", heading=_("Pathway steps that help"), label=_("Step"), panels=[FieldPanel("step")]),
    ]


class FunderOrganisationViewSet(SnippetViewSet):
    model = FunderOrganisation
    icon = "group"
    menu_label = _("Funder organisations")
    list_display = ["name", "website"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("website"),
        FieldPanel("reviewers", widget=forms.SelectMultiple),
        InlinePanel(
            "thresholds",
            heading=_("Lowest level looked for, per domain"),
            label=_("Threshold"),
            panels=[FieldPanel("domain"), FieldPanel("minimum_level")],
        ),
        InlinePanel(
            "requirements",
            heading=_("Evidence required, per domain"),
            label=_("Required evidence"),
            panels=[FieldPanel("domain"), FieldPanel("evidence_type", widget=EVIDENCE_TYPE_WIDGET)],
        ),
    ]


class ReadinessViewSetGroup(SnippetViewSetGroup):
    items = (ReadinessDomainViewSet, FunderOrganisationViewSet)
    menu_icon = "tasks"
    menu_label = _("Readiness")
    menu_name = "readiness"


register_snippet(ReadinessViewSetGroup)
