"""The group's sharing page: who can see the profile, sharing and stopping, requests, and who looked."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ...views.common import error_text, sign_in_required
from .. import permissions
from ..conf import access_log_page_size
from ..forms import GrantForm
from ..models import AccessLog, FunderOrganisation, RequestStatus, ShareGrant, ShareRequest
from ..services import sharing
from .common import group_for


@sign_in_required
def sharing_page(request, slug):
    group = group_for(request, slug, permissions.can_view_sharing)
    can_manage = permissions.can_manage_sharing(request.user, group)
    form = None
    if can_manage:
        initial = {"share_progress": True, "share_self_assessment": True}
        if request.GET.get("funder", "").isdigit():
            initial["funder"] = int(request.GET["funder"])
        form = GrantForm(request.POST or None, funder_queryset=FunderOrganisation.objects.all(), initial=initial)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                grant = sharing.grant_access(
                    group=group,
                    funder=form.cleaned_data["funder"],
                    by=request.user,
                    share_progress=form.cleaned_data["share_progress"],
                    share_self_assessment=form.cleaned_data["share_self_assessment"],
                    share_evidence=form.cleaned_data["share_evidence"],
                    expires_at=form.expires_at,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("%(funder)s can now see what you chose to share.") % {"funder": grant.funder}
                )
                return redirect("readiness:sharing", slug=group.slug)
    now = timezone.now()
    grants = list(ShareGrant.objects.filter(group=group).select_related("funder", "granted_by", "revoked_by"))
    log = AccessLog.objects.filter(group=group).select_related("funder", "viewer")
    log_page = Paginator(log, access_log_page_size()).get_page(request.GET.get("page"))
    return render(
        request,
        "readiness/sharing.html",
        {
            "group": group,
            "form": form,
            "can_manage": can_manage,
            "live_grants": [grant for grant in grants if grant.is_live(now)],
            "past_grants": [grant for grant in grants if not grant.is_live(now)],
            "requests": ShareRequest.objects.filter(group=group)
            .filter(Q(status=RequestStatus.PENDING) | Q(responded_at__gte=now - timedelta(days=90)))
            .select_related("funder", "requested_by", "responded_by"),
            "page_obj": log_page,
        },
    )


@sign_in_required
@require_POST
def revoke(request, slug, pk):
    group = group_for(request, slug, permissions.can_manage_sharing)
    grant = get_object_or_404(ShareGrant, group=group, pk=pk)
    sharing.revoke_access(grant=grant, by=request.user)
    messages.success(request, _("%(funder)s can no longer see your profile.") % {"funder": grant.funder})
    return redirect("readiness:sharing", slug=group.slug)


@sign_in_required
@require_POST
def decline_request(request, slug, pk):
    group = group_for(request, slug, permissions.can_manage_sharing)
    share_request = get_object_or_404(ShareRequest.objects.select_related("funder"), group=group, pk=pk)
    try:
        sharing.decline_request(share_request=share_request, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("You declined the request from %(funder)s.") % {"funder": share_request.funder})
    return redirect("readiness:sharing", slug=group.slug)
