"""Group pages: your groups, starting a group and editing its details, the dashboard, members, facilitators."""

from urllib.parse import quote, urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import dashboard, next_steps, notices, permissions, selectors
from ..conf import resend_confirmation_url
from ..forms import GroupDetailsForm, GroupForm, InvitationForm, RoleForm
from ..models import FacilitatorAssignment, Invitation, Membership, PathwayPage
from ..services import groups as group_services
from ..services import progress as progress_services
from .closing import closed_notice
from .common import error_text, sign_in_required

HOME_NOTICES = 5


@sign_in_required
def group_list(request):
    """The person's home, where signing in lands: what to do next in each of their groups, and their own work."""
    member_of, facilitated = selectors.home_groups(request.user)
    lists, own_items = next_steps.home_task_lists(request.user, member_of + facilitated)
    member_ids = {group.pk for group in member_of}
    context = {
        "member_of": [(group, items) for group, items in lists if group.pk in member_ids],
        "facilitated": [(group, items) for group, items in lists if group.pk not in member_ids],
        "own_items": own_items,
        "closed": selectors.closed_groups_for(request.user),
        # Their roles are known already (home_groups), so this asks no query.
        "facilitates": any(permissions.access(request.user, group).is_facilitator for group in member_of + facilitated),
        "new_notices": notices.with_text(notices.visible_to(request.user).filter(read_at__isnull=True)[:HOME_NOTICES]),
    }
    return render(request, "learning/group_list.html", context)


def confirm_email_first(request, *, heading):
    """The page a signed-in person sees when they need to confirm their email address to go on.

    A 403 (they may not do this yet) with a button that emails a new link and brings them back here.
    """
    return render(
        request,
        "learning/confirm_email_first.html",
        {"heading": heading, "resend_url": resend_confirmation_url()},
        status=403,
    )


@sign_in_required
def group_create(request):
    if not permissions.can_create_group(request.user):
        if permissions.signed_in(request.user) and not permissions.has_confirmed_email(request.user):
            return confirm_email_first(request, heading=_("Start a group"))
        raise PermissionDenied
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = group_services.create_group(by=request.user, slug=form.unique_slug(), **form.cleaned_data)
        messages.success(request, _("Your group is ready. Invite the people you work with."))
        return redirect(group.get_absolute_url())
    return render(request, "learning/group_form.html", {"form": form})


@sign_in_required
def group_dashboard(request, slug):
    group = permissions.get_group_or_404(request.user, slug)
    context = dashboard.dashboard_records(group)
    context.update(dashboard.dashboard_fragments(group, context))
    context.update(dashboard.dashboard_for_person(request.user, group))
    context.update(
        {
            "group": group,
            "can_manage": permissions.can_manage_members(request.user, group),
            "can_edit": permissions.can_edit_group(request.user, group),
            "can_enrol": permissions.can_enrol(request.user, group),
            "is_member": permissions.is_member(request.user, group),
            "can_confirm": permissions.can_confirm_step(request.user, group),
            "can_verify": permissions.can_verify_step(request.user, group),
            "group_links": dashboard.group_links(group),
            "closed_notice": closed_notice(request.user, group),
        }
    )
    group.member_count = len(context["members"])
    return render(request, "learning/group_dashboard.html", context)


@sign_in_required
def group_edit(request, slug):
    group = permissions.get_group_or_404(request.user, slug)
    if not permissions.can_edit_group(request.user, group):
        raise PermissionDenied
    form = GroupDetailsForm(
        request.POST if request.method == "POST" else None,
        initial=model_to_dict(group, fields=[*GroupDetailsForm._meta.fields, "org_id"]),
    )
    if request.method == "POST" and form.is_valid():
        group = group_services.update_group_details(group=group, by=request.user, **form.details())
        messages.success(request, _("Your group's details are saved."))
        return redirect(group.get_absolute_url())
    context = {"group": group, "form": form, "can_close": permissions.can_close_group(request.user, group)}
    return render(request, "learning/group_edit.html", context)


@sign_in_required
def members(request, slug):
    group = permissions.get_group_or_404(request.user, slug)
    if not permissions.can_manage_members(request.user, group):
        # The status the rules give (403), on a page that says who can do it and leads back to the group.
        return render(request, "learning/members.html", {"group": group, "denied": True}, status=403)
    return _members_page(request, group, InvitationForm())


def _invitation_messages(request, invitation):
    """Ready-made messages carrying the link: for an email app, a text message and WhatsApp.

    Each is a plain link (mailto:, sms:, https://wa.me/) with the words URL-encoded, so a phone opens
    its own app with the message written and no JavaScript is needed.
    """
    link = request.build_absolute_uri(invitation.get_absolute_url())
    words = {
        "maker": invitation.created_by or _("The coordinator"),
        "group": invitation.group.name,
        "role": invitation.get_role_display().lower(),
        "link": link,
        "when": date_format(timezone.localtime(invitation.expires_at), "j F Y"),
    }
    subject = _("Join %(group)s on the Co-production Hub") % words
    body = (
        _(
            "Hello,\n\n%(maker)s has invited you to join %(group)s as a %(role)s. Open this link to join:\n\n"
            "%(link)s\n\nThe link works once, until %(when)s."
        )
        % words
    )
    short = (
        _(
            "%(maker)s has invited you to join %(group)s on the Co-production Hub. "
            "Open this link to join (it works once, until %(when)s): %(link)s"
        )
        % words
    )
    query = urlencode({"subject": subject, "body": body}, quote_via=quote)
    return {
        "link": link,
        "mailto": f"mailto:{quote(invitation.email)}?{query}",
        "sms": f"sms:?&body={quote(short, safe='')}",
        "whatsapp": f"https://wa.me/?text={quote(short, safe='')}",
    }


def _members_page(request, group, invite_form, status=200):
    context = selectors.members_context(group)
    for invitation in context["invitations"]:
        invitation.send = _invitation_messages(request, invitation)
    context.update({"group": group, "invite_form": invite_form, "role_choices": RoleForm().fields["role"].choices})
    return render(request, "learning/members.html", context, status=status)


@sign_in_required
@require_POST
def invite(request, slug):
    group = permissions.get_group_or_404(request.user, slug)
    if not permissions.can_manage_members(request.user, group):
        raise PermissionDenied
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = group_services.create_invitation(
                group=group,
                role=form.cleaned_data["role"],
                email=form.cleaned_data["email"],
                label=form.cleaned_data["label"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("email", error)
    if not form.is_valid():
        # The page again, with the person's choices kept and the problem beside the field.
        return _members_page(request, group, form, status=400)
    messages.success(
        request,
        _(
            "Invitation link made. Now send it: under the link, press “Send by text message”, "
            "“Send by WhatsApp” or “Send by email”. The link works once."
        ),
    )
    return redirect(f"{redirect('learning:members', slug=group.slug).url}#invitation-{invitation.pk}")


@sign_in_required
@require_POST
def cancel_invitation(request, slug, pk):
    group = permissions.get_group_or_404(request.user, slug)
    invitation = get_object_or_404(Invitation, pk=pk, group=group)
    group_services.cancel_invitation(invitation=invitation, by=request.user)
    messages.success(request, _("Invitation cancelled. The link no longer works."))
    return redirect("learning:members", slug=group.slug)


def join_group(request, token):
    invitation = Invitation.objects.select_related("group").filter(token=token).first()
    if invitation is None:
        raise Http404
    usable = group_services.invitation_stands(invitation)
    context = {"invitation": invitation, "group": invitation.group, "usable": usable}
    if not request.user.is_authenticated:
        return render(request, "learning/join_group.html", context)
    context["already_member"] = permissions.is_member(request.user, invitation.group)
    refusal = (
        None
        if context["already_member"]
        else group_services.invitation_refusal(invitation, request.user, stands=usable)
    )
    if usable and refusal == group_services.UNCONFIRMED_EMAIL:
        context.update({"unconfirmed": True, "resend_url": resend_confirmation_url()})
    elif usable and refusal:
        context["refusal"] = refusal
    if request.method == "POST" and usable and not refusal:
        try:
            group_services.accept_invitation(token=token, user=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect(request.path)
        messages.success(request, _("Welcome to %(group)s.") % {"group": invitation.group.name})
        return redirect(invitation.group.get_absolute_url())
    return render(request, "learning/join_group.html", context)


def _membership_or_404(group, pk):
    return get_object_or_404(Membership.objects.active().select_related("user", "group"), pk=pk, group=group)


@sign_in_required
@require_POST
def change_role(request, slug, pk):
    group = permissions.get_group_or_404(request.user, slug)
    membership = _membership_or_404(group, pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            group_services.change_role(membership=membership, role=form.cleaned_data["role"], by=request.user)
            messages.success(request, _("Role changed."))
        except ValidationError as error:
            messages.error(request, error_text(error))
    return redirect("learning:members", slug=group.slug)


@sign_in_required
def remove_member(request, slug, pk):
    group = permissions.get_group_or_404(request.user, slug)
    if not permissions.can_manage_members(request.user, group):
        raise PermissionDenied
    membership = _membership_or_404(group, pk)
    if request.method == "POST":
        try:
            group_services.end_membership(membership=membership, by=request.user)
            messages.success(request, _("They are no longer a member. What they did for the group stays."))
        except ValidationError as error:
            messages.error(request, error_text(error))
        return redirect("learning:members", slug=group.slug)
    return render(request, "learning/confirm_remove_member.html", {"group": group, "membership": membership})


@sign_in_required
def leave_group(request, slug):
    group = permissions.get_group_or_404(request.user, slug)
    membership = Membership.objects.active().filter(group=group, user=request.user).select_related("group").first()
    if membership is None:
        raise PermissionDenied
    if request.method == "POST":
        try:
            group_services.end_membership(membership=membership, by=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect(group.get_absolute_url())
        messages.success(request, _("You have left %(group)s.") % {"group": group.name})
        return redirect("learning:group_list")
    return render(request, "learning/confirm_leave.html", {"group": group})


def _assignment_or_404(group, pk):
    return get_object_or_404(FacilitatorAssignment.objects.select_related("facilitator", "group"), pk=pk, group=group)


@sign_in_required
@require_POST
def accept_facilitator(request, slug, pk):
    group = permissions.get_group_or_404(request.user, slug)
    assignment = _assignment_or_404(group, pk)
    group_services.accept_facilitator(assignment=assignment, by=request.user)
    messages.success(request, _("%(name)s now supports your group.") % {"name": assignment.facilitator})
    return redirect(group.get_absolute_url())


@sign_in_required
@require_POST
def end_facilitator(request, slug, pk):
    group = permissions.get_group_or_404(request.user, slug)
    assignment = _assignment_or_404(group, pk)
    group_services.end_facilitation(assignment=assignment, by=request.user)
    messages.success(request, _("%(name)s no longer supports your group.") % {"name": assignment.facilitator})
    return redirect(group.get_absolute_url())


@sign_in_required
@require_POST
def enrol(request, slug):
    group = permissions.get_group_or_404(request.user, slug)
    pathway_id = request.POST.get("pathway", "")
    if not pathway_id.isdigit():
        raise Http404
    pathway = get_object_or_404(PathwayPage.objects.live().public(), pk=pathway_id)
    progress_services.enrol(group=group, pathway=pathway, by=request.user)
    messages.success(request, _("Your group has started %(pathway)s.") % {"pathway": pathway.title})
    if request.POST.get("return_to") == "pathway":
        return redirect(f"{pathway.get_url(request)}?group={group.slug}")
    return redirect(group.get_absolute_url())
