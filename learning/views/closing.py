"""Closing a group (its coordinators, or staff) and reopening it (staff), each through a confirmation page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import permissions, selectors
from ..conf import closed_group_retention_days
from ..services import closing
from .common import error_text, sign_in_required

ADMIN_GROUP_EDIT = "communitygroup:edit"


def group_export_url(group):
    """The group's export page, when the site has one: a closed group's coordinators take their data from it."""
    try:
        return reverse("learning:group_export", args=[group.slug])
    except NoReverseMatch:
        return None


def closed_notice(user, group):
    """What a closed group's pages tell its people: when it closed, when its records go, where to export."""
    if group.closed_at is None:
        return None
    return {
        "closed_at": group.closed_at,
        "kept_until": selectors.records_kept_until(group),
        "export_url": group_export_url(group) if permissions.is_coordinator(user, group) else None,
        "reopen_url": reverse("learning:reopen_group", args=[group.slug])
        if permissions.can_reopen_group(user, group)
        else None,
    }


def _after(request, group):
    if permissions.can_view_group(request.user, group):
        return redirect(group.get_absolute_url())
    return redirect(ADMIN_GROUP_EDIT, group.pk)


@sign_in_required
def close_group(request, slug):
    group = permissions.get_group_to_close_or_404(request.user, slug)
    if group.closed_at is not None:
        messages.info(request, _("This group is already closed."))
        return _after(request, group)
    if not permissions.can_close_group(request.user, group):
        raise PermissionDenied
    if request.method == "POST":
        try:
            group = closing.close_group(group=group, by=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return _after(request, group)
        messages.success(
            request,
            _("%(group)s is closed. Its records are kept until %(date)s.")
            % {"group": group.name, "date": date_format(selectors.records_kept_until(group), "j F Y")},
        )
        return _after(request, group)
    context = {
        "group": group,
        "retention_days": closed_group_retention_days(),
        "export_url": group_export_url(group) if permissions.is_coordinator(request.user, group) else None,
        "cancel_url": group.get_absolute_url()
        if permissions.can_view_group(request.user, group)
        else reverse(ADMIN_GROUP_EDIT, args=[group.pk]),
    }
    return render(request, "learning/close_group.html", context)


@sign_in_required
def reopen_group(request, slug):
    group = permissions.get_group_to_close_or_404(request.user, slug)
    if not permissions.can_reopen_group(request.user, group):
        raise PermissionDenied
    if request.method == "POST":
        group = closing.reopen_group(group=group, by=request.user)
        messages.success(request, _("%(group)s is open again.") % {"group": group.name})
        return _after(request, group)
    context = {
        "group": group,
        "kept_until": selectors.records_kept_until(group),
        "cancel_url": reverse(ADMIN_GROUP_EDIT, args=[group.pk]),
    }
    return render(request, "learning/reopen_group.html", context)
