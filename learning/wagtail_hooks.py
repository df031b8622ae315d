"""Admin wiring: the learning viewsets (learning/viewsets.py), the group progress report, and the
refusal to delete pathway pages holding steps that groups have worked on."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page

from .admin_views import GroupProgressReport
from .models import Reflection, StepPage, StepProgress
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


WORKED_ON_MESSAGE = _("Groups have worked on this step. Unpublish it instead: their progress is kept.")


def groups_worked_under(page):
    """True when any group has progress or reflections on this page or a step beneath it."""
    steps = StepPage.objects.filter(path__startswith=page.path)
    return StepProgress.objects.filter(step__in=steps).exists() or Reflection.objects.filter(step__in=steps).exists()


def _refuse_deletion(request, page):
    messages.error(request, WORKED_ON_MESSAGE)
    back = get_valid_next_url_from_request(request) or reverse("wagtailadmin_explore", args=[page.get_parent().pk])
    return redirect(back)


# StepProgress.step and Reflection.step are PROTECT, so the database would refuse too; these hooks
# turn that refusal into a message before Wagtail starts deleting, instead of a server error.
@hooks.register("before_delete_page")
def refuse_to_delete_worked_steps(request, page):
    if groups_worked_under(page):
        return _refuse_deletion(request, page)
    return None


@hooks.register("before_bulk_action")
def refuse_to_bulk_delete_worked_steps(request, action_type, objects, action_class_instance):
    if action_type != "delete":
        return None
    for page in objects:
        if isinstance(page, Page) and groups_worked_under(page):
            return _refuse_deletion(request, page)
    return None
