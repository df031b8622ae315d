"""Admin wiring: the readiness framework and funder organisations as snippets, with ordered inlines,
and a plain refusal to delete one that groups' records still point at."""

from django import forms
from django.db import router
from django.db.models.deletion import Collector, ProtectedError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ..evidence_types import EvidenceType
from .forms import FunderOrganisationAdminForm
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
    # The form refuses reviewers who have not confirmed their email address.
    edit_handler = ObjectList(
        [
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
        ],
        base_form_class=FunderOrganisationAdminForm,
    )


class ReadinessViewSetGroup(SnippetViewSetGroup):
    items = (ReadinessDomainViewSet, FunderOrganisationViewSet)
    menu_icon = "tasks"
    menu_label = _("Readiness")
    menu_name = "readiness"


register_snippet(ReadinessViewSetGroup)


PROTECTED_MESSAGES = {
    FunderOrganisation: _(
        "%(name)s has shared profiles, reviews, requests or a record of looking at groups, so it cannot be deleted: "
        "groups rely on that record."
    ),
    ReadinessDomain: _(
        "%(name)s has ratings, agreed levels or linked evidence in groups' assessments, so it cannot be deleted: "
        "groups and funders rely on that record."
    ),
}


def is_protected(instance):
    """True when deleting the instance would meet a PROTECT foreign key (nothing is deleted to find out)."""
    try:
        Collector(using=router.db_for_write(type(instance), instance=instance)).collect([instance])
    except ProtectedError:
        return True
    return False


# The models' PROTECT foreign keys refuse the deletion in the database; this turns that refusal into a
# message on the confirmation page and on the bulk delete, before Wagtail deletes, instead of a server error.
@hooks.register("before_delete_snippet")
def refuse_to_delete_protected(request, instances):
    for instance in instances:
        message = PROTECTED_MESSAGES.get(type(instance))
        if message and is_protected(instance):
            messages.error(request, message % {"name": instance})
            return redirect(get_valid_next_url_from_request(request) or instance.snippet_viewset.get_url_name("list"))
    return None
