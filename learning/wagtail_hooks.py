"""Admin wiring: the learning viewsets (learning/viewsets.py) and the group progress report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import GroupProgressReport
from .viewsets import LearningViewSetGroup, register_permission_policies

# Wagtail looks a model's policy up while building its viewset, so this comes first.
register_permission_policies()


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
