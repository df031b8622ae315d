"""Changes to groups: creating one and changing its details, invitations, members and roles, leaving and facilitators.

The public pages and the Wagtail admin both change groups through these functions, so the rules
(a group always keeps a coordinator, one active membership per person, facilitator statuses
move forward only, only people with a confirmed email address join, an invitation link dies with
its maker's coordinator role) hold whichever door a change comes through.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import notices, permissions
from ..group_versions import bump_groups
from ..models import (
    ActivityVerb,
    AssignmentStatus,
    CommunityGroup,
    FacilitatorAssignment,
    Invitation,
    Membership,
    Role,
)
from .notices import notify
from .progress import note_activity

# Where a facilitator assignment may go next. Ended is final: the row stays as the record of
# who supported the group, and supporting it again is a new proposal.
FACILITATOR_TRANSITIONS = {
    AssignmentStatus.PROPOSED: (AssignmentStatus.ACTIVE, AssignmentStatus.ENDED),
    AssignmentStatus.ACTIVE: (AssignmentStatus.ENDED,),
    AssignmentStatus.ENDED: (),
}


@transaction.atomic
def create_group(*, by, name, slug, place="", description="", legal_form=""):
    """Create a group with its creator as the first coordinator."""
    if not permissions.can_create_group(by):
        raise PermissionDenied
    group = CommunityGroup.objects.create(
        name=name, slug=slug, place=place, description=description, legal_form=legal_form
    )
    Membership.objects.create(user=by, group=group, role=Role.COORDINATOR)
    permissions.forget_access(by)
    note_activity(group=group, by=by, verb=ActivityVerb.JOINED)
    return group


@transaction.atomic
def update_group_details(*, group, by, name, place="", description="", legal_form="", org_id=None, postcode=None):
    """Change the group's name, place, description, legal form, and (when given) its registration as an
    org-id identifier and its postcode (its coordinators only).

    The slug stays as it was, so the links people have saved keep working. No activity entry is written:
    the activity log has no verb for a change of details.
    """
    if not permissions.can_edit_group(by, group):
        raise PermissionDenied
    locked = CommunityGroup.objects.select_for_update().get(pk=group.pk)
    locked.name, locked.place, locked.description, locked.legal_form = name, place, description, legal_form
    fields = ["name", "place", "description", "legal_form"]
    if org_id is not None:
        locked.org_id = org_id
        fields.append("org_id")
    if postcode is not None:
        locked.postcode = postcode
        fields.append("postcode")
    locked.full_clean(exclude=["slug"])
    locked.save(update_fields=fields)
    return locked


UNCONFIRMED_EMAIL = gettext_lazy(
    "Confirm your email address first: open the link we emailed you. Then you can join or start a group."
)
NOT_YOUR_INVITATION = gettext_lazy(
    "This invitation was made for someone else's email address, so it does not work for your account. "
    "If it was meant for you, sign in with the address it was sent to, or ask the coordinator for a new link."
)
INVITATION_NOT_USABLE = gettext_lazy(
    "This invitation has expired or has already been used. Ask the coordinator for a new one."
)


def normalise_email(email):
    """An address as the Hub compares it: spaces trimmed, any letter case."""
    return (email or "").strip().lower()


@transaction.atomic
def create_invitation(*, group, role, by, email="", label=""):
    """A single-use link to join the group; bound to `email` when given, and always for a coordinator.

    `label` is the coordinator's own note of whom the link is for ("Mary from the lunch club").

    A bound link works only for the person who has confirmed that address, so a forwarded or leaked
    link cannot make a stranger a coordinator. Raises ValidationError for a coordinator link without one.
    """
    if not permissions.can_manage_members(by, group):
        raise PermissionDenied
    email = normalise_email(email)
    if role == Role.COORDINATOR and not email:
        raise ValidationError(
            _("A coordinator invitation must be for one email address: type the address of the person you invite.")
        )
    return Invitation.objects.create(group=group, role=role, created_by=by, email=email, label=label.strip())


@transaction.atomic
def cancel_invitation(*, invitation, by):
    """Stop an unused link working. The row stays, marked cancelled, as the record of who was invited."""
    if not permissions.can_manage_members(by, invitation.group):
        raise PermissionDenied
    cancelled = Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True, cancelled_at__isnull=True).update(
        cancelled_at=timezone.now()
    )
    bump_groups(invitation.group_id)
    return bool(cancelled)


def _cancel_invitations_made_by(user, group):
    """Cancel the person's unused links to the group, when they stop being its coordinator or leave it."""
    Invitation.objects.filter(group=group, created_by=user, used_at__isnull=True, cancelled_at__isnull=True).update(
        cancelled_at=timezone.now()
    )
    bump_groups(group.pk)


def invitation_refusal(invitation, user, *, stands=None):
    """Why this person cannot use this invitation now (a message to show them), or None if they can.

    Never names the address a bound link is for, so a link cannot be used to learn who was invited.
    `stands` is `invitation_stands(invitation)` when the caller has just asked it (one query fewer).
    """
    if not (invitation_stands(invitation) if stands is None else stands):
        return INVITATION_NOT_USABLE
    if not permissions.can_join_group(user):
        return UNCONFIRMED_EMAIL
    if invitation.email and normalise_email(user.email) != normalise_email(invitation.email):
        return NOT_YOUR_INVITATION
    return None


def invitation_stands(invitation):
    """Usable, and its maker (when known) is still a coordinator of the group.

    Links are cancelled when their maker stops being coordinator; this also refuses a link whose
    maker lost the role in a way that did not pass through this module.
    """
    if not invitation.is_usable:
        return False
    if invitation.created_by_id is None:
        return True
    return Membership.objects.filter(
        user_id=invitation.created_by_id, group_id=invitation.group_id, left__isnull=True, role=Role.COORDINATOR
    ).exists()


@transaction.atomic
def accept_invitation(*, token, user):
    """Use an invitation once. Returns the Membership; raises ValidationError if it cannot be used.

    The person must have confirmed their email address, and a link bound to an address works only
    for the account with that address.
    """
    invitation = Invitation.objects.select_for_update().select_related("group").filter(token=token).first()
    if invitation is None:
        raise ValidationError(INVITATION_NOT_USABLE)
    refusal = invitation_refusal(invitation, user)
    if refusal:
        raise ValidationError(refusal)
    existing = Membership.objects.active().filter(user=user, group=invitation.group).first()
    if existing is not None:
        raise ValidationError(_("You are already a member of this group."))
    invitation.used_at = timezone.now()
    invitation.used_by = user
    # The coordinator's note of whom the link was for ("Mary from the lunch club") may name the person;
    # once used, the membership names them in their own words, so the note goes.
    invitation.label = ""
    invitation.save(update_fields=["used_at", "used_by", "label"])
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, group=invitation.group, role=invitation.role)
    except IntegrityError:
        raise ValidationError(_("You are already a member of this group.")) from None
    permissions.forget_access(user)
    note_activity(group=invitation.group, by=user, verb=ActivityVerb.JOINED)
    group = invitation.group
    notify(
        kind=notices.MEMBER_JOINED,
        recipients=notices.member_ids(group, role=Role.COORDINATOR),
        event=f"membership:{membership.pk}",
        url=reverse("learning:members", kwargs={"slug": group.slug}),
        group=group,
        params={"person": _display_name(user), "group": group.name},
        exclude=user.pk,
    )
    return membership


def _display_name(user):
    name = getattr(user, "get_display_name", None)
    return name() if callable(name) else str(user)


def _lock_active_memberships(group):
    # The group's row first, then its memberships (see services.progress._lock_enrolment).
    bump_groups(group.pk)
    return list(Membership.objects.select_for_update().filter(group=group, left__isnull=True))


def _coordinators_after(memberships, membership, new_role=None, leaving=False):
    count = 0
    for other in memberships:
        role = other.role
        if other.pk == membership.pk:
            if leaving:
                continue
            role = new_role or role
        if role == Role.COORDINATOR:
            count += 1
    return count


@transaction.atomic
def add_member(*, group, user, role, by):
    """Staff put a person straight into a group (the public way in is an invitation).

    Returns the new Membership; raises ValidationError if the person is already an active member,
    so a second press never makes a second membership.
    """
    if not permissions.can_administer(by, "add", Membership):
        raise PermissionDenied
    if not user.is_active:
        raise ValidationError(_("This account is not active, so it cannot join a group."))
    if not permissions.can_join_group(user):
        raise ValidationError(
            _(
                "%(person)s has not confirmed their email address yet, so they cannot join a group. "
                "Ask them to open the link we emailed them (they can ask for a new one on their account page)."
            )
            % {"person": user}
        )
    # Locking the group's active memberships makes two staff adding the same person wait in turn.
    _lock_active_memberships(group)
    already = ValidationError(
        _("%(person)s is already a member of this group. Change their role on their membership instead.")
        % {"person": user}
    )
    if Membership.objects.active().filter(user=user, group=group).exists():
        raise already
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, group=group, role=role)
    except IntegrityError:
        raise already from None
    permissions.forget_access(user)
    note_activity(group=group, by=user, verb=ActivityVerb.JOINED)
    return membership


@transaction.atomic
def change_role(*, membership, role, by):
    group = membership.group
    if not (permissions.can_manage_members(by, group) or permissions.can_administer(by, "change", Membership)):
        raise PermissionDenied
    memberships = _lock_active_memberships(group)
    if _coordinators_after(memberships, membership, new_role=role) == 0:
        raise ValidationError(_("A group must always have at least one coordinator."))
    Membership.objects.filter(pk=membership.pk, left__isnull=True).update(role=role)
    bump_groups(group.pk)
    if role != Role.COORDINATOR:
        _cancel_invitations_made_by(membership.user, group)
    permissions.forget_access(membership.user)
    permissions.forget_access(by)


@transaction.atomic
def end_membership(*, membership, by):
    """Remove a member (coordinator or staff) or leave (the member). The person's past actions stay."""
    group = membership.group
    leaving_self = membership.user_id == by.pk
    if not (
        permissions.can_manage_members(by, group)
        or (leaving_self and permissions.can_leave_group(by, group))
        or permissions.can_administer(by, "change", Membership)
    ):
        raise PermissionDenied
    _end_membership(membership)
    permissions.forget_access(by)


def _end_membership(membership):
    """End one membership under the last-coordinator rule; the "left" entry is the member's own."""
    memberships = _lock_active_memberships(membership.group)
    if _coordinators_after(memberships, membership, leaving=True) == 0:
        raise ValidationError(
            _("A group must always have at least one coordinator. Make someone else a coordinator first.")
        )
    ended = Membership.objects.filter(pk=membership.pk, left__isnull=True).update(left=timezone.now())
    bump_groups(membership.group_id)
    _cancel_invitations_made_by(membership.user, membership.group)
    permissions.forget_access(membership.user)
    # Written only by the press that ended it, so a repeat or a race leaves one entry.
    if ended:
        note_activity(group=membership.group, by=membership.user, verb=ActivityVerb.LEFT)
    return bool(ended)


@transaction.atomic
def propose_facilitator(*, group, facilitator, by):
    """Staff propose a facilitator for a group; the coordinator (or staff) then accepts.

    Raises ValidationError while the person already has a proposed or active assignment there.
    """
    if not permissions.can_administer(by, "add", FacilitatorAssignment):
        raise PermissionDenied
    if not facilitator.is_active:
        raise ValidationError(_("This account is not active, so it cannot support a group."))
    if not permissions.can_become_facilitator(facilitator):
        raise ValidationError(
            _(
                "%(person)s has not confirmed their email address yet, so they cannot support a group. "
                "Ask them to open the link we emailed them (they can ask for a new one on their account page)."
            )
            % {"person": facilitator}
        )
    already = ValidationError(
        _("%(person)s is already proposed for or supporting this group.") % {"person": facilitator}
    )
    open_assignments = FacilitatorAssignment.objects.filter(group=group, facilitator=facilitator).exclude(
        status=AssignmentStatus.ENDED
    )
    if open_assignments.exists():
        raise already
    try:
        with transaction.atomic():
            assignment = FacilitatorAssignment.objects.create(group=group, facilitator=facilitator)
    except IntegrityError:
        raise already from None
    permissions.forget_access(facilitator)
    return assignment


def _may_decide_facilitator(by, group):
    return permissions.can_accept_facilitator(by, group) or permissions.can_administer(
        by, "change", FacilitatorAssignment
    )


@transaction.atomic
def accept_facilitator(*, assignment, by):
    if not _may_decide_facilitator(by, assignment.group):
        raise PermissionDenied
    updated = FacilitatorAssignment.objects.filter(pk=assignment.pk, status=AssignmentStatus.PROPOSED).update(
        status=AssignmentStatus.ACTIVE, accepted_at=timezone.now(), accepted_by=by
    )
    bump_groups(assignment.group_id)
    permissions.forget_access(assignment.facilitator)
    return bool(updated)


@transaction.atomic
def end_facilitation(*, assignment, by):
    """The coordinator (or staff) declines a proposed facilitator or ends an active one."""
    if not _may_decide_facilitator(by, assignment.group):
        raise PermissionDenied
    return _end_assignment(assignment)


def _end_assignment(assignment):
    ended = (
        FacilitatorAssignment.objects.filter(pk=assignment.pk)
        .exclude(status=AssignmentStatus.ENDED)
        .update(status=AssignmentStatus.ENDED, ended_at=timezone.now())
    )
    bump_groups(assignment.group_id)
    permissions.forget_access(assignment.facilitator)
    return bool(ended)


@transaction.atomic
def move_facilitator_assignment(*, assignment, status, by):
    """Move an assignment to `status` along FACILITATOR_TRANSITIONS (accept or end); staying put is a no-op.

    Raises ValidationError for any other move, judged against the locked row so two people
    deciding at once cannot take it backwards.
    """
    if not _may_decide_facilitator(by, assignment.group):
        raise PermissionDenied
    current = FacilitatorAssignment.objects.select_for_update().get(pk=assignment.pk).status
    if status == current:
        return False
    if status not in FACILITATOR_TRANSITIONS.get(current, ()):
        raise ValidationError(
            _("A facilitator assignment cannot go from “%(current)s” to “%(status)s”.")
            % {"current": AssignmentStatus(current).label, "status": dict(AssignmentStatus.choices).get(status, status)}
        )
    if status == AssignmentStatus.ACTIVE:
        return accept_facilitator(assignment=assignment, by=by)
    return end_facilitation(assignment=assignment, by=by)


@transaction.atomic
def withdraw_from_groups(*, user):
    """A person leaves every group and stops facilitating any, as when their account is erased.

    Each membership ends under the same rule as leaving (the last coordinator must hand over
    first: ValidationError), with a "left" entry that is the person's own and so reads "a former
    member" once their name is gone. Proposed and active facilitator assignments end. What they
    did for the groups stays.
    """
    for membership in Membership.objects.active().filter(user=user).select_related("group", "user"):
        _end_membership(membership)
    open_assignments = FacilitatorAssignment.objects.filter(facilitator=user).exclude(status=AssignmentStatus.ENDED)
    for assignment in open_assignments.select_related("facilitator"):
        _end_assignment(assignment)
