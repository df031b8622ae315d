"""The group's data to take away: a coordinator asks for a zip, waits while it is built, downloads it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import group_export, permissions
from ..files import private_file_response
from ..models import ExportStatus
from .common import sign_in_required


def _coordinated_group_or_deny(request, slug):
    """404 for anyone outside the group (existence never leaks), 403 for its other members and facilitators."""
    group = permissions.get_group_or_404(request.user, slug)
    if not permissions.can_export_group(request.user, group):
        raise PermissionDenied
    return group


@sign_in_required
def group_export_page(request, slug):
    group = _coordinated_group_or_deny(request, slug)
    if request.method == "POST":
        export = group_export.request_group_export(group=group, by=request.user)
        if export.can_download:
            messages.success(request, _("Your download is ready."))
        else:
            messages.success(request, _("We are preparing your download. Come back to this page in a few minutes."))
        return redirect("learning:group_export", slug=group.slug)
    latest = group_export.latest_export(group)
    return render(
        request,
        "learning/group_export.html",
        {
            "group": group,
            "export": latest,
            "expired": latest is not None and latest.is_expired(),
            # A download still being prepared long after it was asked for will not finish (a worker stopped).
            "stalled": group_export.is_stalled(latest),
            "export_days": group_export.export_days(),
        },
    )


@sign_in_required
def group_export_download(request, slug, pk):
    group = _coordinated_group_or_deny(request, slug)
    export = group_export.downloadable_export(group, pk)
    if export is None or export.status != ExportStatus.READY or not export.file:
        raise Http404
    if export.is_expired():
        return render(request, "learning/group_export_expired.html", {"group": group}, status=410)
    filename = f"{group.slug}-data-{timezone.localtime(export.ready_at):%Y-%m-%d}.zip"
    return private_file_response(export.file, filename=filename, content_type="application/zip")
