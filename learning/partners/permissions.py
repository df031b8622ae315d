"""Who may see or do what with a group's partners, asks and commitments; every partners view and service asks it.

Built on the core's rules (`learning.permissions`). The group's own people read (members, coordinators, the
group's facilitators); coordinators record asks, stages and commitments, invite officers and grant or stop
sharing (facilitators never share). A partner officer sees a group only while three things hold, checked on
every request: the group invited them (an accepted, not ended `PartnerContact`), their address is confirmed,
and the group's grant to their body is live; then only asks of their body, within the grant's scope.
"""

from django.http import Http404

from ..models import CommunityGroup
from ..permissions import access, can_view_group, has_confirmed_email, working_access
from .models import Ask, PartnerContact, PartnerGrant

SHARE_SCOPES = ("asks", "commitments")


# --- The group's own people -------------------------------------------------------------------------


def can_view_partners(user, group):
    """The group's asks, commitments, officers and who looked: members, coordinators, the group's facilitators."""
    return can_view_group(user, group)


def can_record_asks(user, group):
    """Record an ask and its stages, and the commitments made: coordinators only."""
    return working_access(user, group).is_coordinator


def can_mark_commitment(user, group):
    """Mark a commitment kept, partly kept or not kept: coordinators only."""
    return working_access(user, group).is_coordinator


def can_manage_partner_sharing(user, group):
    """Invite officers, share with a body and stop sharing: coordinators only, never facilitators."""
    return working_access(user, group).is_coordinator


def can_write_group_note(user, group):
    """Add the group's words to a commitment: members and coordinators (facilitators support, they do not speak)."""
    return working_access(user, group).is_member


# --- Partner officers -------------------------------------------------------------------------------


def officer_contacts(user):
    """The accepted, not ended contacts through which this person is a partner officer (none unless confirmed)."""
    if not has_confirmed_email(user):
        return PartnerContact.objects.none()
    return PartnerContact.objects.filter(user=user, ended_at__isnull=True, group__closed_at__isnull=True)


def is_partner_officer(user):
    return officer_contacts(user).exists()


def officer_grant_for(user, group):
    """The live grant through which this person, as an invited officer, may see the group; else None.

    Cached on the user object per group, so a page asking several questions costs one query.
    """
    if group is None or not has_confirmed_email(user):
        return None
    group_id = group.pk if hasattr(group, "pk") else group
    cache = user.__dict__.setdefault("_partners_grant", {})
    if group_id not in cache:
        bodies = officer_contacts(user).filter(group_id=group_id).values("body_id")
        cache[group_id] = (
            PartnerGrant.objects.live().filter(group_id=group_id, body_id__in=bodies).select_related("body").first()
        )
    return cache[group_id]


def forget_officer_grants(user):
    if user is not None:
        user.__dict__.pop("_partners_grant", None)


def grant_covers(grant, scope=None):
    """Whether a grant is live and shares `scope` ("asks", "commitments" or None)."""
    if grant is None or not grant.is_live():
        return False
    if scope is None:
        return True
    if scope not in SHARE_SCOPES:
        raise ValueError(f"unknown sharing scope {scope!r}")
    return bool(getattr(grant, f"share_{scope}"))


def can_officer_view(user, group, scope=None):
    """A partner officer the group invited, while the group's grant to their body is live and covers `scope`."""
    return grant_covers(officer_grant_for(user, group), scope)


def can_officer_view_ask(user, ask):
    """An officer sees an ask only if it was made of their body, under a grant sharing asks."""
    grant = officer_grant_for(user, ask.group_id)
    return grant_covers(grant, "asks") and ask.body_id == grant.body_id


def can_officer_view_commitments(user, ask):
    return can_officer_view_ask(user, ask) and grant_covers(officer_grant_for(user, ask.group_id), "commitments")


def can_accept_officer_invitation(user):
    return has_confirmed_email(user)


# --- Asks and commitments, whoever asks ---------------------------------------------------------------


def can_view_ask(user, ask):
    return can_view_partners(user, ask.group_id) or can_officer_view_ask(user, ask)


def can_record_stage(user, ask):
    """The group's coordinators, or the invited officer of the body asked (the decision is theirs to record)."""
    if not ask.is_participation_request:
        return False
    return can_record_asks(user, ask.group_id) or can_officer_view_ask(user, ask)


def can_view_commitments(user, ask):
    return can_view_partners(user, ask.group_id) or can_officer_view_commitments(user, ask)


def can_record_commitment(user, ask):
    """Record what the body agreed: the group's coordinators or the body's invited officer."""
    return can_record_asks(user, ask.group_id) or can_officer_view_commitments(user, ask)


def can_write_note(user, commitment):
    """Add progress words: the group's members, or the body's invited officer."""
    return can_write_group_note(user, commitment.ask.group_id) or can_officer_view_commitments(user, commitment.ask)


def is_officer_view(user, group):
    """Whether this person reads the group as a partner officer (and not as one of the group's own people)."""
    return not can_view_partners(user, group) and officer_grant_for(user, group) is not None


def partner_group_or_404(user, slug):
    """The group if the person is one of its people or an officer it shares with; otherwise 404."""
    group = CommunityGroup.objects.filter(slug=slug).first()
    if group is None or not (can_view_partners(user, group) or can_officer_view(user, group)):
        raise Http404
    return group


def ask_or_404(user, group, pk):
    """An ask of this group the person may see; 404 for another group's ask or one outside an officer's body."""
    ask = Ask.objects.filter(group=group, pk=pk).select_related("body", "group").first()
    if ask is None or not can_view_ask(user, ask):
        raise Http404
    return ask


# --- Who held the power, the letter, and publishing -----------------------------------------------------


def four_cos_side(user, ask):
    """The side this person answers the Four Co's for ("group" for coordinators, "body" for the body's officer)."""
    if can_record_asks(user, ask.group_id):
        return "group"
    if can_officer_view_ask(user, ask):
        return "body"
    return None


def can_draft_letter(user, group):
    """The participation request letter is the group's own: its members and coordinators (and facilitators)."""
    return can_view_partners(user, group) and (
        working_access(user, group).is_member or access(user, group).is_facilitator
    )


def can_publish(user, group):
    """Publish a summary of an ask or withdraw it: coordinators only."""
    return working_access(user, group).is_coordinator
