"""A stage's meeting pack to print, and the short links the printed pages give back to each step."""

from django.shortcuts import get_object_or_404, redirect, render

from .. import selectors
from ..dashboard import pack_links
from ..models import StagePage
from .common import live_step_or_404

# Lines on the printed attendance sheet: enough for most community meetings, one A4 page.
ATTENDANCE_ROWS = 15


def meeting_pack(request, pk):
    """Public, like the stage: the group's name appears only for someone who may work in that group."""
    stage = get_object_or_404(StagePage.objects.live().public(), pk=pk)
    context = selectors.meeting_pack_context(request, stage)
    context["attendance_rows"] = range(1, ATTENDANCE_ROWS + 1)
    context["pack_links"] = pack_links(request.user, context["group"], stage)
    return render(request, "learning/meeting_pack.html", context)


def step_link(request, pk):
    """The short address printed in a meeting pack: it leads to the step's page (404 once it is gone)."""
    return redirect(live_step_or_404(pk).get_url(request))
