"""Wagtail admin pieces for learning: filter sets and the group progress report (CSV and XLSX)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from resources.places import PLACE_CHOICES

from .exports import SpreadsheetSafeExportMixin
from .models import CommunityGroup, Enrolment, FacilitatorAssignment, Membership, PathwayPage, PathwayProgress


def _pathways(request=None):
    return PathwayPage.objects.order_by("title")


class GroupFilterSet(WagtailFilterSet):
    place = django_filters.ChoiceFilter(label=_("Place"), choices=PLACE_CHOICES)
    pathway = django_filters.ModelChoiceFilter(
        label=_("Pathway"), field_name="enrolments__pathway", queryset=_pathways, distinct=True
    )

    class Meta:
        model = CommunityGroup
        fields = ["place", "legal_form"]


class MembershipFilterSet(WagtailFilterSet):
    place = django_filters.ChoiceFilter(label=_("Place"), field_name="group__place", choices=PLACE_CHOICES)
    active = django_filters.BooleanFilter(label=_("Still a member"), field_name="left", lookup_expr="isnull")

    class Meta:
        model = Membership
        fields = ["role"]


class EnrolmentFilterSet(WagtailFilterSet):
    place = django_filters.ChoiceFilter(label=_("Place"), field_name="group__place", choices=PLACE_CHOICES)
    pathway = django_filters.ModelChoiceFilter(label=_("Pathway"), queryset=_pathways)

    class Meta:
        model = Enrolment
        fields = []


class FacilitatorAssignmentFilterSet(WagtailFilterSet):
    place = django_filters.ChoiceFilter(label=_("Place"), field_name="group__place", choices=PLACE_CHOICES)
    pathway = django_filters.ModelChoiceFilter(
        label=_("Pathway"), field_name="group__enrolments__pathway", queryset=_pathways, distinct=True
    )

    class Meta:
        model = FacilitatorAssignment
        fields = ["status"]


class GroupProgressFilterSet(WagtailFilterSet):
    place = django_filters.ChoiceFilter(label=_("Place"), field_name="group__place", choices=PLACE_CHOICES)
    pathway = django_filters.ModelChoiceFilter(label=_("Pathway"), queryset=_pathways)
    completed = django_filters.BooleanFilter(
        label=_("Completed"), field_name="completed_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = PathwayProgress
        fields = []


class GroupProgressReport(SpreadsheetSafeExportMixin, ReportView):
    """Every group's stored progress on every pathway, exportable as CSV or XLSX.

    For people with `learning.view_pathwayprogress` only (superusers have it).
    """

    page_title = _("Group progress")
    header_icon = "tasks"
    model = PathwayProgress
    filterset_class = GroupProgressFilterSet
    index_url_name = "learning_group_progress"
    index_results_url_name = "learning_group_progress_results"
    # Named here rather than looked up in Wagtail's policy registry, so what guards every group's
    # progress is in plain sight and a policy registered for PathwayProgress elsewhere cannot loosen it.
    permission_policy = ModelPermissionPolicy(PathwayProgress)
    permission_required = "view"
    columns = [
        Column("group", label=_("Group")),
        Column("place", label=_("Place"), accessor="group.get_place_display"),
        Column("pathway", label=_("Pathway")),
        Column("done", label=_("Steps done")),
        Column("total", label=_("Steps in total")),
        Column("percent", label=_("Percent")),
        Column("last_activity_at", label=_("Last activity")),
        Column("completed_at", label=_("Completed")),
    ]
    list_export = [
        "group.name",
        "group.get_place_display",
        "pathway.title",
        "done",
        "total",
        "percent",
        "last_activity_at",
        "completed_at",
    ]
    export_headings = {
        "group.name": _("Group"),
        "group.get_place_display": _("Place"),
        "pathway.title": _("Pathway"),
        "done": _("Steps done"),
        "total": _("Steps in total"),
        "percent": _("Percent"),
        "last_activity_at": _("Last activity"),
        "completed_at": _("Completed"),
    }

    def get_queryset(self):
        # A closed group is left out of every list, this report too.
        return (
            PathwayProgress.objects.filter(group__closed_at__isnull=True)
            .select_related("group", "pathway")
            .order_by("group__name", "pathway__title")
        )
