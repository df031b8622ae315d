"""Partner officers: the group invites them and chooses what their body sees; the officer accepts and reads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ...views.common import error_text, sign_in_required
from .. import permissions, selectors
from ..forms import InviteOfficerForm
from ..models import PartnerContact, PartnerGrant
from ..services import officers as officer_services


@sign_in_required
def officers(request, slug):
    """The group's partner officers, what each body sees, and who looked; coordinators invite and stop sharing."""
    group = permissions.partner_group_or_404(request.user, slug)
    if not permissions.can_view_partners(request.user, group):
        raise Http404  # an officer never sees the group's list of officers
    can_manage = permissions.can_manage_partner_sharing(request.user, group)
    form = InviteOfficerForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if form is None:
            return render(request, "partners/officers.html", {"group": group, "denied": True}, status=403)
        if form.is_valid():
            try:
                contact = officer_services.invite_officer(group=group, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Send %(name)s the invitation link below. Only they can use it.") % {"name": contact.name},
                )
                return redirect("partners:officers", slug=group.slug)
    grants = selectors.grants_for_group(group)
    return render(
        request,
        "partners/officers.html",
        {
            "group": group,
            "form": form,
            "can_manage": can_manage,
            "contacts": PartnerContact.objects.filter(group=group).select_related("body", "user"),
            "live_grants": [grant for grant in grants if grant.is_live()],
            "past_grants": [grant for grant in grants if not grant.is_live()],
            "log": selectors.access_log_for_group(group)[:50],
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@sign_in_required
def stop_sharing(request, slug, pk):
    """Stop sharing with a body, after a page that says what its officers will no longer see."""
    group = permissions.partner_group_or_404(request.user, slug)
    if not permissions.can_view_partners(request.user, group):
        raise Http404
    if not permissions.can_manage_partner_sharing(request.user, group):
        return render(request, "partners/confirm_stop.html", {"group": group, "denied": True}, status=403)
    grant = get_object_or_404(PartnerGrant.objects.select_related("body"), group=group, pk=pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        officer_services.stop_sharing(grant=grant, by=request.user)
        messages.success(request, _("%(body)s can no longer see what you shared.") % {"body": grant.body})
        return redirect("partners:officers", slug=group.slug)
    return render(request, "partners/confirm_stop.html", {"group": group, "grant": grant, "live": grant.is_live()})


@sign_in_required
def join(request, token):
    """An invited officer accepts: only the person with the confirmed address the group typed."""
    contact = PartnerContact.objects.select_related("group", "body").filter(token=token).first()
    if contact is None:
        raise Http404
    refusal = officer_services.invitation_refusal(contact, request.user)
    if request.method == "POST" and not refusal:
        try:
            officer_services.accept_invitation(token=token, user=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect(request.path)
        messages.success(request, _("You are now %(group)s's partner contact.") % {"group": contact.group.name})
        return redirect("partners:group", slug=contact.group.slug)
    # The group's name is shown only to the person the invitation is for.
    return render(request, "partners/join.html", {"contact": contact, "refusal": refusal})


@sign_in_required
def officer_home(request):
    """A partner officer's groups: those that invited them and share with their body now."""
    return render(request, "partners/officer_home.html", {"rows": selectors.officer_groups(request.user)})
