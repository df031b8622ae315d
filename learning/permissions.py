"""THE one module for who may do what in the learning app; every view asks it.

Each function takes the person asking (possibly anonymous) and the thing asked about. A person's
places (every active membership and facilitator assignment, `places`) are read once per request, in
one query, and kept on the request's user object, so every question in the request after that
costs none. The user object is loaded afresh for each request, so a role removed or an assignment
ended holds from the person's next request on; the services forget them at once within a request.

Roles: visitor (anyone), member and coordinator (active membership), facilitator (an active
FacilitatorAssignment) and staff. Group data is private: staff use the Wagtail admin, not the
group's own pages, unless they also belong to the group.

Readiness, sharing and funder review build on these rules in `learning.readiness.permissions`;
this module knows nothing of funders.
"""

from datetime import timedelta

from django.core.cache import cache
from django.db.models import CharField, Value
from django.http import Http404
from django.utils import timezone

from resources.statements import Prepared

from .conf import reflection_edit_minutes, user_is_verified
from .models import AssignmentStatus, CommunityGroup, CompletionRule, FacilitatorAssignment, Membership, Role
from .notices import forget_unread_count

_CACHE_ATTR = "_learning_access"
# How long the header's "is a facilitator" answer is kept (the caseload page itself always asks afresh).
FACILITATING_SECONDS = 600
_PLACES_ATTR = "_learning_places"


class Access:
    """What one person is in one group."""

    __slots__ = ("role", "is_facilitator", "closed")

    def __init__(self, role=None, is_facilitator=False, closed=False):
        self.role = role
        self.is_facilitator = is_facilitator
        self.closed = closed

    @property
    def is_member(self):
        return self.role is not None

    @property
    def is_coordinator(self):
        return self.role == Role.COORDINATOR


NO_ACCESS = Access()


def signed_in(user):
    """An active, signed-in person (never an anonymous visitor or a deactivated account)."""
    return bool(user and user.is_authenticated and user.is_active)


def access(user, group):
    """The person's role in the group and whether they facilitate it, from their `places` (no query once
    those are read; a group they have no place in is NO_ACCESS)."""
    if group is None or not signed_in(user):
        return NO_ACCESS
    cache = user.__dict__.setdefault(_CACHE_ATTR, {})
    group_id = group.pk if hasattr(group, "pk") else group
    if group_id not in cache:
        cache[group_id] = places(user).in_group(group_id)
    return cache[group_id]


class Place:
    """One group the person stands in: their role there (None when they only facilitate it) and whether
    they facilitate it."""

    __slots__ = ("group", "role", "is_facilitator")

    def __init__(self, group, role=None, is_facilitator=False):
        self.group = group
        self.role = role
        self.is_facilitator = is_facilitator


class Places:
    """Where one person stands: each group of an active membership or facilitator assignment, with its role."""

    __slots__ = ("by_group",)

    def __init__(self, places=()):
        self.by_group = {place.group.pk: place for place in places}

    def __iter__(self):
        return iter(self.by_group.values())

    def in_group(self, group_id):
        place = self.by_group.get(group_id)
        if place is None:
            return NO_ACCESS
        return Access(role=place.role, is_facilitator=place.is_facilitator, closed=place.group.closed_at is not None)

    @property
    def facilitates_any(self):
        return any(place.is_facilitator for place in self)

    def open_groups(self):
        """The open groups they belong to (each with `my_role`) and those they only facilitate, by name."""
        member_of, facilitated = [], []
        for place in self:
            if place.group.closed_at is not None:
                continue
            if place.role is not None:
                place.group.my_role = place.role
                member_of.append(place.group)
            else:
                facilitated.append(place.group)
        by_name = lambda group: (group.name, group.pk)  # noqa: E731
        return sorted(member_of, key=by_name), sorted(facilitated, key=by_name)


def places(user):
    """Every active membership and facilitator assignment of the person, read once per request (one
    query) and kept on the user object: every rule in this module and in readiness's answers from it."""
    if not signed_in(user):
        return Places()
    found = user.__dict__.get(_PLACES_ATTR)
    if found is None:
        found = Places(_read_places(user))
        user.__dict__[_PLACES_ATTR] = found
    return found


def _places_of(someone):
    """Memberships (with the role) and facilitator assignments (no role) of one person, each with its whole
    group as the row's columns, in one statement."""
    columns = [f"group__{field.attname}" for field in CommunityGroup._meta.concrete_fields]
    memberships = Membership.objects.active().filter(user_id=someone).order_by().values_list("role", *columns)
    assignments = (
        FacilitatorAssignment.objects.filter(facilitator_id=someone, status=AssignmentStatus.ACTIVE)
        .order_by()
        .values_list(Value(None, output_field=CharField()), *columns)
    )
    return memberships.union(assignments, all=True)


# Built once per process (resources.statements): building it cost more than the rest of a dashboard's work.
_PLACES = Prepared(
    _places_of,
    translations={f"group__{field.attname}": field.attname for field in CommunityGroup._meta.concrete_fields},
)


def _read_places(user):
    """The person's places in one query; the rows are groups, each with the person's role there or None."""
    found = {}
    for group in _PLACES.raw(user.pk, model=CommunityGroup):
        place = found.get(group.pk)
        if place is None:
            place = found[group.pk] = Place(group)
        if group.role is None:
            place.is_facilitator = True
        else:
            place.role = group.role
        del group.role  # the place holds the role; the group is the group alone
    return found.values()


def working_access(user, group):
    """The person's role for changing anything in the group: none at all once the group is closed.

    A closed group is read-only for everyone (its members still read it until it is purged), so
    every rule that lets someone change a group's records asks this rather than `access`.
    """
    found = access(user, group)
    return NO_ACCESS if found.closed else found


def remember_access(user, group, *, role, is_facilitator):
    """Keep what a selector has just read about the person's place in a group, so that `access` asks no
    query for it: the same answer `_lookup_access` gives, from rows already loaded (a page listing many
    groups reads every membership and assignment at once instead of two queries per group).

    `role` is the active membership's role or None; `is_facilitator` whether an active assignment
    exists. An answer already kept for the group is left as it is.
    """
    if not signed_in(user):
        return
    cache = user.__dict__.setdefault(_CACHE_ATTR, {})
    cache.setdefault(group.pk, Access(role=role, is_facilitator=is_facilitator, closed=group.closed_at is not None))


def forget_access(user):
    """Drop the cached roles after a change to memberships or assignments."""
    if user is not None:
        user.__dict__.pop(_CACHE_ATTR, None)
        user.__dict__.pop(_PLACES_ATTR, None)
        forget_facilitating(user)
        # The notices they may read follow their places too, so their unread count is counted again.
        forget_unread_count(user.pk)


def is_member(user, group):
    return access(user, group).is_member


def is_coordinator(user, group):
    return access(user, group).is_coordinator


def _facilitating_key(user):
    # The account's creation time as well as its id, so an answer kept for one account is never read for
    # another given the same id later (a user model without `date_joined` has only its id).
    joined = getattr(user, "date_joined", None)
    return f"learning:facilitating:{user.pk}:{joined.timestamp() if joined else ''}"


def is_facilitating(user):
    """Like `is_active_facilitator`, kept per person in the cache for the site header's caseload link (so most
    pages ask no query for it); dropped whenever the person's places change (`forget_access`)."""
    if not signed_in(user):
        return False
    key = _facilitating_key(user)
    found = cache.get(key)
    if found is None:
        found = is_active_facilitator(user)
        cache.set(key, found, FACILITATING_SECONDS)
    return found


def forget_facilitating(user):
    cache.delete(_facilitating_key(user))


def is_active_facilitator(user):
    """Facilitates at least one group now: such a person sees many groups (and needs a second factor)."""
    if not signed_in(user):
        return False
    if _PLACES_ATTR in user.__dict__:
        return places(user).facilitates_any
    # Asked at sign-in and on the second-factor pages, which need nothing else of their places.
    return FacilitatorAssignment.objects.filter(facilitator=user, status=AssignmentStatus.ACTIVE).exists()


def can_view_caseload(user):
    """The caseload page (every group the person supports, and its steps to verify): people who facilitate a
    group now. It lists only the groups whose assignment is active, so an ended one is gone at once."""
    return is_active_facilitator(user)


# --- Groups -------------------------------------------------------------------------------------


def has_confirmed_email(user):
    """Signed in with a confirmed email address, as the host site defines it (`conf.user_is_verified`).

    Needed to start or join a group, redeem an invitation or become a facilitator, so nobody can
    claim an address that is not theirs and be trusted with a group's data because of it.
    """
    return signed_in(user) and user_is_verified(user)


def can_create_group(user):
    return has_confirmed_email(user)


def can_join_group(user):
    """Redeem an invitation, or be put in a group by staff: a person with a confirmed email address."""
    return has_confirmed_email(user)


def can_become_facilitator(user):
    """Be proposed as a group's facilitator: a person with a confirmed email address."""
    return has_confirmed_email(user)


def can_view_group(user, group):
    """Members, coordinators and the group's active facilitators; nobody else."""
    found = access(user, group)
    return found.is_member or found.is_facilitator


def can_manage_members(user, group):
    """Invite, change roles and remove members: coordinators only (never facilitators)."""
    return working_access(user, group).is_coordinator


def can_export_group(user, group):
    """Download all of the group's data: its current coordinators, even once the group is closed.

    Never members, facilitators, funders or staff who are not coordinators of the group.
    """
    return is_coordinator(user, group)


def can_edit_group(user, group):
    """Change the group's own details (name, description, place, legal form): coordinators only.

    Never members, never facilitators (they support a group, they do not speak for it) and never staff
    who are not in the group (they change groups in the Wagtail admin).
    """
    return working_access(user, group).is_coordinator


def can_accept_facilitator(user, group):
    return working_access(user, group).is_coordinator


def can_leave_group(user, group):
    return working_access(user, group).is_member


def can_enrol(user, group):
    return working_access(user, group).is_coordinator


# --- Closing a group ------------------------------------------------------------------------------


def can_close_group(user, group):
    """Close an open group (read-only, hidden from lists, purged later): its coordinators, or staff."""
    if group is None or group.closed_at is not None:
        return False
    return access(user, group).is_coordinator or can_administer(user, "change", CommunityGroup)


def can_reopen_group(user, group):
    """Reopen a closed group before it is purged: staff only, so a coordinator's close is not undone lightly."""
    return group is not None and group.closed_at is not None and can_administer(user, "change", CommunityGroup)


def get_group_to_close_or_404(user, slug):
    """The group for the close and reopen pages: its people see it, and so do staff who may change groups."""
    group = CommunityGroup.objects.filter(slug=slug).first()
    if group is None or not (can_view_group(user, group) or can_administer(user, "change", CommunityGroup)):
        raise Http404
    return group


def can_administer(user, action, model):
    """Staff changing a group's records in the Wagtail admin: Django's model permission for `action`.

    Asked by the admin's permission policy before it shows a form, and again by the service, so a
    service never trusts its caller. `action` is "add", "change", "delete" or "view".
    """
    opts = model._meta
    return signed_in(user) and user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


def get_group_or_404(user, slug):
    """The group with this slug if the person may see it; otherwise 404, so existence never leaks.

    Only members and the group's facilitators see it, so it is found among the person's `places`.
    """
    for place in places(user):
        if place.group.slug == slug and can_view_group(user, place.group.pk):
            return place.group
    raise Http404


# --- Steps ----------------------------------------------------------------------------------------


def can_work_on_steps(user, group):
    """Mark steps done or undo them, write reflections, add evidence: members and facilitators."""
    found = working_access(user, group)
    return found.is_member or found.is_facilitator


def can_confirm_step(user, group, step=None):
    """Confirm a step whose rule needs the coordinator."""
    return working_access(user, group).is_coordinator


def can_verify_step(user, group, step=None):
    """Verify a step: the group's active facilitators."""
    return working_access(user, group).is_facilitator


def can_mark_not_applicable(user, group):
    found = working_access(user, group)
    return found.is_coordinator or found.is_facilitator


def can_complete_directly(user, group, step):
    """Whether marking this step done completes it, or only asks someone else to confirm or verify."""
    found = working_access(user, group)
    if step.completion_rule == CompletionRule.COORDINATOR:
        # The coordinator's confirmation is the group's own word: a facilitator's "done" waits for it.
        return found.is_coordinator
    if step.completion_rule == CompletionRule.FACILITATOR:
        return found.is_facilitator
    return found.is_member or found.is_facilitator


def records_on_behalf(user, group):
    """A facilitator who is not also a member records for the group, and it is shown that way."""
    found = access(user, group)
    return found.is_facilitator and not found.is_member


# --- Reflections and evidence ------------------------------------------------------------------


def can_view_reflection(user, reflection):
    if not can_view_group(user, reflection.group_id):
        return False
    return not reflection.hidden or is_coordinator(user, reflection.group_id) or reflection.author_id == user.pk


def can_edit_reflection(user, reflection):
    """The author, while still in the group, within the edit window."""
    if reflection.author_id != getattr(user, "pk", None) or not can_work_on_steps(user, reflection.group_id):
        return False
    return timezone.now() - reflection.created <= timedelta(minutes=reflection_edit_minutes())


def can_hide_reflection(user, reflection):
    return working_access(user, reflection.group_id).is_coordinator


def can_add_evidence(user, group):
    return can_work_on_steps(user, group)


def can_attach_evidence(user, evidence):
    """Use a piece of the group's evidence on another step: whoever may add evidence to the group."""
    return evidence.removed_at is None and can_add_evidence(user, evidence.group_id)


def can_view_evidence_file(user, evidence):
    return evidence.removed_at is None and can_view_group(user, evidence.group_id)


def can_remove_evidence(user, evidence):
    if evidence.removed_at is not None:
        return False
    if working_access(user, evidence.group_id).is_coordinator:
        return True
    return evidence.added_by_id == getattr(user, "pk", None) and can_work_on_steps(user, evidence.group_id)
