"""Admin wiring: viewsets for groups, memberships, enrolments and facilitators; the progress report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .admin_views import (
    EnrolmentFilterSet,
    FacilitatorAssignmentFilterSet,
    GroupFilterSet,
    GroupProgressReport,
    MembershipFilterSet,
)
from .models import CommunityGroup, Enrolment, FacilitatorAssignment, Membership


class ListingViewSet(ModelViewSet):
    """A viewset whose listing fetches the people, groups and pathways its columns show in one query.

    (Wagtail's generic views never call a viewset's own get_queryset, so the listing's queryset is
    handed to the index view instead.)
    """

    list_select_related = ()

    def get_index_view_kwargs(self, **kwargs):
        queryset = self.model._default_manager.select_related(*self.list_select_related)
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)


class CommunityGroupViewSet(ModelViewSet):
    model = CommunityGroup
    icon = "group"
    menu_label = _("Groups")
    list_display = ["name", "place", "legal_form", "created"]
    filterset_class = GroupFilterSet
    search_fields = ["name", "slug", "description"]
    form_fields = ["name", "slug", "place", "description", "legal_form"]
    inspect_view_enabled = True


class MembershipViewSet(ListingViewSet):
    model = Membership
    list_select_related = ["user", "group"]
    icon = "user"
    menu_label = _("Memberships")
    list_display = ["user", "group", "role", "joined", "left"]
    filterset_class = MembershipFilterSet
    search_fields = ["group__name", "user__email", "user__display_name"]
    form_fields = ["user", "group", "role", "joined", "left"]


class EnrolmentViewSet(ListingViewSet):
    model = Enrolment
    list_select_related = ["group", "pathway"]
    icon = "list-ol"
    menu_label = _("Enrolments")
    list_display = ["group", "pathway", "enrolled_at"]
    filterset_class = EnrolmentFilterSet
    search_fields = ["group__name"]
    form_fields = ["group", "pathway"]


class FacilitatorAssignmentViewSet(ListingViewSet):
    model = FacilitatorAssignment
    list_select_related = ["facilitator", "group"]
    icon = "user"
    menu_label = _("Facilitators")
    list_display = ["facilitator", "group", "status", "accepted_at"]
    filterset_class = FacilitatorAssignmentFilterSet
    search_fields = ["group__name", "facilitator__email", "facilitator__display_name"]
    form_fields = ["facilitator", "group", "status"]


class LearningViewSetGroup(ModelViewSetGroup):
    menu_label = _("Community groups")
    menu_icon = "group"
    menu_order = 250
    items = (CommunityGroupViewSet, MembershipViewSet, EnrolmentViewSet, FacilitatorAssignmentViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return LearningViewSetGroup()


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/group-progress/", GroupProgressReport.as_view(), name="learning_group_progress"),
        path(
            "reports/group-progress/results/",
            GroupProgressReport.as_view(results_only=True),
            name="learning_group_progress_results",
        ),
    ]


class GroupProgressMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("learning.view_pathwayprogress")


@hooks.register("register_reports_menu_item")
def register_group_progress_menu_item():
    return GroupProgressMenuItem(_("Group progress"), reverse("learning_group_progress"), icon_name="tasks", order=900)
