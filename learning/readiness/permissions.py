"""Who may do what in readiness, sharing and funder review; every readiness view and service asks it.

Built on the learning app's own rules (`learning.permissions`), which know nothing of funders.
A funder reviewer sees a group only through a live ShareGrant to an organisation they review for,
and only within the grant's scope; the check runs on every request, so revoking or expiry takes
effect at once. Which organisations a person reviews for (their reviewer seats) is read once per
request and kept on the request's user object, as the core keeps their places; someone with no seat
is answered without a query. Coordinators control sharing and self-assessment; facilitators never share.
"""

from django.db.models import Exists, OuterRef

from ..models import CommunityGroup, Evidence
from ..permissions import access, can_view_group, can_work_on_steps, has_confirmed_email, working_access
from .models import EvidenceDomainLink, FunderOrganisation, ShareGrant

SHARE_SCOPES = ("progress", "self_assessment", "evidence")


# --- Funder reviewers and grants ----------------------------------------------------------------


def funder_organisations_for(user):
    """The funder organisations this person reviews for: none until they have confirmed their address.

    Staff cannot add an unconfirmed account as a reviewer; this also holds for one added before that
    rule, so whoever registered an officer's address first never reads a group through it.
    """
    if not has_confirmed_email(user):
        return FunderOrganisation.objects.none()
    return FunderOrganisation.objects.filter(reviewers=user).order_by("name")


_SEATS_ATTR = "_readiness_reviewer_seats"
# Set on the request's user by `with_reviewer_seat_known`: whether they hold any reviewer seat at all.
HAS_SEAT_ATTR = "_readiness_has_reviewer_seat"


def with_reviewer_seat_known(users):
    """`users` (a queryset of people) each knowing whether they hold a reviewer seat, in the same query.

    The host loads the request's user this way (accounts.backends), so the many people who review for
    no funder are answered by `reviewer_seats` without a query of its own.
    """
    seats = FunderOrganisation.reviewers.through.objects.filter(user=OuterRef("pk"))
    return users.annotate(**{HAS_SEAT_ATTR: Exists(seats)})


def reviewer_seats(user):
    """The ids of the funder organisations the person reviews for: one query per request at most, none
    when the person was loaded knowing they hold no seat."""
    if not has_confirmed_email(user):
        return frozenset()
    seats = user.__dict__.get(_SEATS_ATTR)
    # Read through a lazy user object too (the request's), where the annotation is on the person inside.
    if seats is None and getattr(user, HAS_SEAT_ATTR, None) is False:
        seats = user.__dict__[_SEATS_ATTR] = frozenset()
    if seats is None:
        seats = frozenset(
            FunderOrganisation.reviewers.through.objects.filter(user=user).values_list(
                "funderorganisation_id", flat=True
            )
        )
        user.__dict__[_SEATS_ATTR] = seats
    return seats


def reviewer_organisations(user):
    """The organisations the person reviews for, as a list; the seats are kept from the same query."""
    organisations = list(funder_organisations_for(user))
    if organisations:
        user.__dict__[_SEATS_ATTR] = frozenset(item.pk for item in organisations)
    return organisations


def forget_reviewer_seats(user):
    """Drop the kept seats after a change to the organisations the person reviews for."""
    if user is not None:
        user.__dict__.pop(_SEATS_ATTR, None)
        # Unknown again (on the person inside a lazy user object too), so the next question queries.
        setattr(user, HAS_SEAT_ATTR, None)


def is_funder_reviewer(user, funder=None):
    seats = reviewer_seats(user)
    return bool(seats) if funder is None else funder.pk in seats


def live_grant_for(user, group, funder=None):
    """The live grant through which this person, as a funder reviewer, may see the group; else None."""
    if group is None or not reviewer_seats(user) or (funder is not None and not is_funder_reviewer(user, funder)):
        return None
    grants = ShareGrant.objects.live().filter(group=group, funder__reviewers=user)
    if funder is not None:
        grants = grants.filter(funder=funder)
    return grants.select_related("funder", "group").order_by("funder__name").first()


def former_grant_for(user, group, funder=None):
    """The most recent grant a group gave one of this reviewer's organisations, now ended; else None.

    Asked only when `live_grant_for` finds no live grant: it lets a reviewer whose organisation was
    once shared with read "this group no longer shares" (the group's name and when sharing ended,
    nothing from its profile), while everyone else gets the same 404 as for a group that does not
    exist.
    """
    if group is None:
        return None
    organisations = funder_organisations_for(user)
    if funder is not None:
        organisations = organisations.filter(pk=funder.pk)
    return (
        ShareGrant.objects.filter(group=group, funder__in=organisations)
        .select_related("funder")
        .order_by("-granted_at", "-pk")
        .first()
    )


def grant_covers(grant, scope=None):
    """Whether a grant is live and shares `scope` ("progress", "self_assessment", "evidence" or None)."""
    if grant is None or not grant.is_live():
        return False
    if scope is None:
        return True
    if scope not in SHARE_SCOPES:
        raise ValueError(f"unknown sharing scope {scope!r}")
    return bool(getattr(grant, f"share_{scope}"))


def grant_shares(grant, key):
    """Whether a grant is live and also shares the scope another app registered as `key` (`learning.funder_scopes`)."""
    return grant_covers(grant) and key in (scope.key for scope in grant.more_shared())


def can_view_shared_profile(user, group, scope=None, funder=None):
    """A funder reviewer, while their organisation holds a live grant that covers `scope`."""
    return grant_covers(live_grant_for(user, group, funder=funder), scope)


def can_review_group(user, group, funder=None):
    return live_grant_for(user, group, funder=funder) is not None


def can_view_cohort(user, funder):
    """The cohort figures of the groups sharing with a funder: its reviewers, each figure within every grant's scope."""
    return is_funder_reviewer(user, funder)


def can_request_share(user, funder):
    return is_funder_reviewer(user, funder)


def findable_groups():
    """Groups a funder may find and ask to share: open ones whose coordinator chose to be findable. Nothing else."""
    return CommunityGroup.objects.open().filter(findable=True)


def can_ask_group(user, funder, group):
    """A funder reviewer may ask a group to share only when the group is open and chose to be findable."""
    return can_request_share(user, funder) and findable_groups().filter(pk=group.pk).exists()


# --- Shared evidence ------------------------------------------------------------------------------


def evidence_shared_by(group):
    """The evidence a group shares with funders whose grant covers evidence: current, linked to an area.

    The one answer to "which evidence does this group share": the profile lists it (through
    `selectors.shared_evidence`), the suggested rating reads it and the funder's file view serves
    nothing else. Evidence the group keeps but has not linked to an area stays its own.
    """
    return _linked_evidence().filter(group=group)


def evidence_shared_with(funder, at=None):
    """Every piece of evidence shared with `funder` now: `evidence_shared_by` of each group whose live grant to
    the funder shares evidence, in one query."""
    sharing = ShareGrant.objects.live(at).filter(funder=funder, share_evidence=True).values("group_id")
    return _linked_evidence().filter(group_id__in=sharing)


def _linked_evidence():
    linked = EvidenceDomainLink.objects.filter(evidence=OuterRef("pk"))
    return Evidence.objects.current().filter(Exists(linked))


def can_view_shared_evidence_file(user, evidence, funder=None):
    """A file the group has shared: one it linked to a readiness area, under a live grant sharing evidence.

    Evidence the group keeps but has not linked (a step's photos, draft minutes) stays the group's own,
    whatever the grant says; the sharing form promises funders only what is linked to an area.
    """
    if not evidence.file or not can_view_shared_profile(user, evidence.group_id, "evidence", funder):
        return False
    return evidence_shared_by(evidence.group_id).filter(pk=evidence.pk).exists()


# --- The group's own readiness pages ------------------------------------------------------------


def can_view_readiness(user, group):
    """The group's own readiness pages: members, coordinators and the group's facilitators."""
    return can_view_group(user, group)


def can_rate_readiness(user, group):
    """Record one's own rating in a round: active members (facilitators support, they do not rate)."""
    return working_access(user, group).is_member


def can_run_self_assessment(user, group):
    """Open and close rounds and record the agreed levels: coordinators only."""
    return working_access(user, group).is_coordinator


def can_see_rating_spread(user, group):
    found = access(user, group)
    return found.is_coordinator or found.is_facilitator


def can_link_evidence(user, group):
    return can_work_on_steps(user, group)


def can_view_sharing(user, group):
    """Who the group shares with and who looked: every member (facilitators never share)."""
    return access(user, group).is_member


def can_manage_sharing(user, group):
    """Grant, revoke and answer share requests: coordinators only, never facilitators."""
    return working_access(user, group).is_coordinator


def can_view_reviews(user, group):
    return can_view_group(user, group)


def can_reply_to_review(user, group):
    return working_access(user, group).is_coordinator
