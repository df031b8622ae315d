"""The group's sharing page: who can see the profile, sharing and stopping, requests, and who looked."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ...views.common import error_text, sign_in_required
from .. import permissions
from ..conf import access_log_page_size
from ..forms import FindableForm, GrantForm
from ..models import AccessLog, FunderOrganisation, RequestStatus, ShareGrant, ShareRequest
from ..services import sharing
from .common import group_for


@sign_in_required
def sharing_page(request, slug):
    group = group_for(request, slug)
    if not permissions.can_view_sharing(request.user, group):
        # The rules' 403, on a page that says who can do it and leads back to the group.
        return render(request, "readiness/sharing.html", {"group": group, "denied": True}, status=403)
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
                    share_postcode=form.cleaned_data["share_postcode"],
                    more_scopes=form.chosen_more_scopes(),
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
            "findable_form": FindableForm(initial={"findable": group.findable}) if can_manage else None,
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
def set_findable(request, slug):
    group = group_for(request, slug, permissions.can_manage_sharing)
    form = FindableForm(request.POST)
    form.is_valid()  # a checkbox: absent means off, so it is always valid
    sharing.set_findable(group=group, findable=form.cleaned_data["findable"], by=request.user)
    if group.findable:
        messages.success(request, _("Funders can now find your group by its name or place and ask you to share."))
    else:
        messages.success(request, _("Funders can no longer find your group. Anyone you already share with still can."))
    return redirect(f"{reverse('readiness:sharing', kwargs={'slug': group.slug})}#findable")


@sign_in_required
def revoke(request, slug, pk):
    """Stop sharing, after a page that says what the funder will no longer see (it works without JavaScript).

    A POST without the confirmation (an old one-tap form, a stray request) changes nothing and shows the page.
    """
    group = group_for(request, slug)
    if not permissions.can_manage_sharing(request.user, group):
        return render(request, "readiness/confirm_revoke.html", {"group": group, "denied": True}, status=403)
    grant = get_object_or_404(ShareGrant.objects.select_related("funder"), group=group, pk=pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        sharing.revoke_access(grant=grant, by=request.user)
        messages.success(request, _("%(funder)s can no longer see your profile.") % {"funder": grant.funder})
        return redirect("readiness:sharing", slug=group.slug)
    if request.method == "POST":
        return redirect("readiness:revoke", slug=group.slug, pk=grant.pk)
    return render(request, "readiness/confirm_revoke.html", {"group": group, "grant": grant, "live": grant.is_live()})


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
