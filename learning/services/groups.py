"""Changes to groups: creating one, invitations, roles, leaving, facilitators."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..models import ActivityVerb, AssignmentStatus, CommunityGroup, FacilitatorAssignment, Invitation, Membership, Role
from .progress import note_activity


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
def create_invitation(*, group, role, by):
    if not permissions.can_manage_members(by, group):
        raise PermissionDenied
    return Invitation.objects.create(group=group, role=role, created_by=by)


@transaction.atomic
def cancel_invitation(*, invitation, by):
    if not permissions.can_manage_members(by, invitation.group):
        raise PermissionDenied
    Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True).delete()


@transaction.atomic
def accept_invitation(*, token, user):
    """Use an invitation once. Returns the Membership; raises ValidationError if it cannot be used."""
    invitation = Invitation.objects.select_for_update().select_related("group").filter(token=token).first()
    if invitation is None or not invitation.is_usable:
        raise ValidationError(
            _("This invitation has expired or has already been used. Ask the coordinator for a new one.")
        )
    existing = Membership.objects.active().filter(user=user, group=invitation.group).first()
    if existing is not None:
        raise ValidationError(_("You are already a member of this group."))
    invitation.used_at = timezone.now()
    invitation.used_by = user
    invitation.save(update_fields=["used_at", "used_by"])
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, group=invitation.group, role=invitation.role)
    except IntegrityError:
        raise ValidationError(_("You are already a member of this group.")) from None
    permissions.forget_access(user)
    note_activity(group=invitation.group, by=user, verb=ActivityVerb.JOINED)
    return membership


def _lock_active_memberships(group):
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
def change_role(*, membership, role, by):
    group = membership.group
    if not permissions.can_manage_members(by, group):
        raise PermissionDenied
    memberships = _lock_active_memberships(group)
    if _coordinators_after(memberships, membership, new_role=role) == 0:
        raise ValidationError(_("A group must always have at least one coordinator."))
    Membership.objects.filter(pk=membership.pk, left__isnull=True).update(role=role)
    permissions.forget_access(membership.user)
    permissions.forget_access(by)


@transaction.atomic
def end_membership(*, membership, by):
    """Remove a member (coordinator) or leave (the member). The person's past actions stay."""
    group = membership.group
    leaving_self = membership.user_id == by.pk
    if not (permissions.can_manage_members(by, group) or (leaving_self and permissions.can_leave_group(by, group))):
        raise PermissionDenied
    memberships = _lock_active_memberships(group)
    if _coordinators_after(memberships, membership, leaving=True) == 0:
        raise ValidationError(
            _("A group must always have at least one coordinator. Make someone else a coordinator first.")
        )
    Membership.objects.filter(pk=membership.pk, left__isnull=True).update(left=timezone.now())
    permissions.forget_access(membership.user)
    permissions.forget_access(by)
    note_activity(group=group, by=membership.user, verb=ActivityVerb.LEFT)


@transaction.atomic
def accept_facilitator(*, assignment, by):
    if not permissions.can_accept_facilitator(by, assignment.group):
        raise PermissionDenied
    updated = FacilitatorAssignment.objects.filter(pk=assignment.pk, status=AssignmentStatus.PROPOSED).update(
        status=AssignmentStatus.ACTIVE, accepted_at=timezone.now(), accepted_by=by
    )
    permissions.forget_access(assignment.facilitator)
    return bool(updated)


@transaction.atomic
def end_facilitation(*, assignment, by):
    """The coordinator declines a proposed facilitator or ends an active one."""
    if not permissions.can_accept_facilitator(by, assignment.group):
        raise PermissionDenied
    FacilitatorAssignment.objects.filter(pk=assignment.pk).exclude(status=AssignmentStatus.ENDED).update(
        status=AssignmentStatus.ENDED, ended_at=timezone.now()
    )
    permissions.forget_access(assignment.facilitator)
