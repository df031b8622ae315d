"""Partner officers under the group's control: invite, accept, share with a body, stop sharing, log every view."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learning.services.groups import normalise_email

from .. import permissions
from ..models import PartnerAccessLog, PartnerContact, PartnerGrant

NOT_USABLE = gettext_lazy("This invitation link has expired, been used, or been stopped. Ask the group for a new one.")


@transaction.atomic
def invite_officer(*, group, by, body, name, email, share_asks, share_commitments):
    """Invite a named officer of a public body, bound to their email address, and share with their body.

    The grant to the body (the group's consent, scoped and revocable) is made or replaced here too, so the
    officer sees exactly what the coordinator ticked on the same form.
    """
    if not permissions.can_manage_partner_sharing(by, group):
        raise PermissionDenied
    contact = PartnerContact.objects.create(
        group=group, body=body, name=name.strip(), email=normalise_email(email), invited_by=by
    )
    share_with_body(group=group, body=body, by=by, share_asks=share_asks, share_commitments=share_commitments)
    return contact


@transaction.atomic
def share_with_body(*, group, body, by, share_asks, share_commitments, expires_at=None):
    """Share with a public body's invited officers; replaces any open grant to that body."""
    if not permissions.can_manage_partner_sharing(by, group):
        raise PermissionDenied
    if not (share_asks or share_commitments):
        raise ValidationError(_("Choose at least one thing to share."), code="empty_scope")
    now = timezone.now()
    PartnerGrant.objects.select_for_update().filter(group=group, body=body, revoked_at__isnull=True).update(
        revoked_at=now, revoked_by=by
    )
    return PartnerGrant.objects.create(
        group=group,
        body=body,
        share_asks=share_asks,
        share_commitments=share_commitments,
        expires_at=expires_at,
        granted_by=by,
        granted_at=now,
    )


@transaction.atomic
def stop_sharing(*, grant, by):
    """Stop sharing with a body at once: its officers' next request finds no live grant."""
    if not permissions.can_manage_partner_sharing(by, grant.group_id):
        raise PermissionDenied
    locked = PartnerGrant.objects.select_for_update().get(pk=grant.pk)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.revoked_by = by
        locked.save(update_fields=["revoked_at", "revoked_by"])
    return locked


def invitation_refusal(contact, user):
    """Why this person cannot accept this officer invitation now, or None. Never names the address invited."""
    # A closed group is read-only: its unused officer invitations stop working, as its members' links do.
    if contact is None or not contact.is_pending or contact.group.closed_at is not None:
        return str(NOT_USABLE)
    if not permissions.can_accept_officer_invitation(user):
        return _("Confirm your email address first, then open the link again.")
    if normalise_email(user.email) != normalise_email(contact.email):
        return _("This invitation is for someone else. Sign in with the email address it was sent to.")
    return None


@transaction.atomic
def accept_invitation(*, token, user):
    """The officer accepts: their account is linked to the body for this group. Raises ValidationError if not."""
    contact = PartnerContact.objects.select_for_update().select_related("group", "body").filter(token=token).first()
    refusal = invitation_refusal(contact, user)
    if refusal:
        raise ValidationError(refusal)
    contact.user = user
    contact.accepted_at = timezone.now()
    try:
        with transaction.atomic():
            contact.save(update_fields=["user", "accepted_at"])
    except IntegrityError:
        raise ValidationError(_("You are already this group's partner contact.")) from None
    permissions.forget_officer_grants(user)
    return contact


def log_view(*, grant, viewer, kind, detail=""):
    """Write one entry in the group's access log for an officer's view."""
    PartnerAccessLog.objects.create(
        group_id=grant.group_id, body_id=grant.body_id, grant=grant, viewer=viewer, kind=kind, detail=detail[:200]
    )
