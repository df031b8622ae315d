"""Every milestone of a group, newest first (its dashboard shows the latest few)."""

from django.shortcuts import render

from .. import milestones, permissions
from .common import sign_in_required


@sign_in_required
def group_milestones(request, slug):
    group = permissions.get_group_or_404(request.user, slug)
    found = milestones.milestones_for(request.user, group)
    return render(request, "learning/group_milestones.html", {"group": group, "milestones": found})
