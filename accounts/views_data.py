"""Your data: ask for a copy of everything the site keeps about you, then download it until it expires."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.files import private_file_response

from . import data_export
from .models import PersonalDataExport


@login_required
def personal_data(request):
    if request.method == "POST":
        export = data_export.request_personal_export(user=request.user)
        if export.can_download:
            messages.success(request, _("Your download is ready."))
        else:
            messages.success(request, _("We are preparing your download. Come back to this page in a few minutes."))
        return redirect("accounts:personal_data")
    latest = data_export.latest_export(request.user)
    return render(
        request,
        "accounts/personal_data.html",
        {
            "export": latest,
            "expired": latest is not None and latest.is_expired(),
            # A download still being prepared long after it was asked for will not finish (a worker stopped).
            "stalled": data_export.is_stalled(latest),
            "export_days": data_export.export_days(),
        },
    )


@login_required
def personal_data_download(request, pk):
    export = data_export.own_export(request.user, pk)
    if export is None or export.status != PersonalDataExport.READY or not export.file:
        raise Http404
    if export.is_expired():
        return render(request, "accounts/personal_data_expired.html", status=410)
    filename = f"my-hub-data-{timezone.localtime(export.ready_at):%Y-%m-%d}.zip"
    return private_file_response(export.file, filename=filename, content_type="application/zip")
