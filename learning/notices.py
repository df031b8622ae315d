"""The kinds of notice the Hub keeps for people, who may read each one, and the read queries on them.

Each app registers the kinds it owns (`register_kind`, from its AppConfig.ready(); readiness adds rounds,
reviews, replies, requests and grants), so this module never imports them. A notice is shown only while
its person still holds the place it was made for (its audience): a member, coordinator or facilitator of
its group now, or what another app's audience rule says (readiness: a reviewer for that funder now).
The rules are database conditions, so listing notices or counting the unread ones is one query.

The unread count in the site header is kept in the cache per person; `forget_unread_count` drops it
whenever a notice is made or read and whenever their places change (`permissions.forget_access`).
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import gettext_lazy

from .models import AssignmentStatus, FacilitatorAssignment, Membership, Notice, NoticeEmailChoice, Role

MEMBER = "member"
COORDINATOR = "coordinator"
FACILITATOR = "facilitator"

COUNT_SECONDS = 600


@dataclass(frozen=True)
class NoticeKind:
    """One kind of notice.

    `message` is the sentence the person reads, filled from the notice's params (%(group)s, %(step)s...);
    `label` names the kind on the account page ("A funder asks to see your group's profile").
    `email_default` is whether an email goes out when the person has not chosen; `own_email` marks the
    kinds whose app sends its own email (asking `wants_email`), the others get the Hub's plain one.
    """

    name: str
    audience: str
    message: str
    label: str
    email_default: bool = False
    own_email: bool = False


KINDS = {}
AUDIENCES = {}


def register_kind(kind):
    """Add a kind (from an AppConfig.ready(); adding it twice keeps the first)."""
    KINDS.setdefault(kind.name, kind)


def register_audience(name, rule):
    """Add an audience: `rule(user)` returns the condition on Notice for the notices its place lets them see."""
    AUDIENCES.setdefault(name, rule)


# --- Who is in an audience now --------------------------------------------------------------------


def _memberships(user, **filters):
    return Membership.objects.filter(user=user, left__isnull=True, group__closed_at__isnull=True, **filters).values(
        "group_id"
    )


def _member_rule(user):
    return Q(group_id__in=_memberships(user))


def _coordinator_rule(user):
    return Q(group_id__in=_memberships(user, role=Role.COORDINATOR))


def _facilitator_rule(user):
    assignments = FacilitatorAssignment.objects.filter(
        facilitator=user, status=AssignmentStatus.ACTIVE, group__closed_at__isnull=True
    )
    return Q(group_id__in=assignments.values("group_id"))


register_audience(MEMBER, _member_rule)
register_audience(COORDINATOR, _coordinator_rule)
register_audience(FACILITATOR, _facilitator_rule)


def member_ids(group, *, role=None):
    """The people in the group now (only its coordinators with `role`)."""
    found = Membership.objects.active().filter(group=group)
    if role:
        found = found.filter(role=role)
    return list(found.values_list("user_id", flat=True))


def facilitator_ids(group):
    """The group's active facilitators."""
    return list(
        FacilitatorAssignment.objects.filter(group=group, status=AssignmentStatus.ACTIVE).values_list(
            "facilitator_id", flat=True
        )
    )


# --- Reading ----------------------------------------------------------------------------------------


def visible_to(user):
    """The person's notices they may still see, newest first (none for a visitor)."""
    if not (user and user.is_authenticated and user.is_active):
        return Notice.objects.none()
    rules = [Q(audience=name) & rule(user) for name, rule in AUDIENCES.items()]
    return Notice.objects.filter(reduce(or_, rules), recipient=user, kind__in=list(KINDS))


class _Params(dict):
    def __missing__(self, key):
        return ""


def describe(notice):
    """The notice's sentence in the reader's language, with the names it was made with."""
    kind = KINDS.get(notice.kind)
    if kind is None:
        return ""
    return str(kind.message) % _Params(notice.params or {})


def with_text(notices):
    """The notices, each with `text` (its sentence) set."""
    notices = list(notices)
    for notice in notices:
        notice.text = describe(notice)
    return notices


def _count_key(user_id):
    return f"learning:notices:unread:{user_id}"


def unread_count(user):
    """How many notices the person has not opened: one query, then none until something changes."""
    if not (user and user.is_authenticated and user.is_active):
        return 0
    key = _count_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = visible_to(user).filter(read_at__isnull=True).count()
        cache.set(key, count, COUNT_SECONDS)
    return count


def forget_unread_count(*user_ids):
    """Drop the kept counts of these people, so their next page counts again."""
    cache.delete_many([_count_key(pk) for pk in user_ids if pk is not None])


def wants_email(kind, user_ids):
    """Of these people, those who get an email for this kind: their own choice, else the kind's default."""
    user_ids = set(user_ids)
    chosen = dict(NoticeEmailChoice.objects.filter(user_id__in=user_ids, kind=kind).values_list("user_id", "email"))
    default = KINDS[kind].email_default if kind in KINDS else False
    return {pk for pk in user_ids if chosen.get(pk, default)}


def email_choices(user):
    """Every kind with whether the person gets an email for it, in the order the kinds were registered."""
    chosen = dict(NoticeEmailChoice.objects.filter(user=user).values_list("kind", "email"))
    return [(kind, chosen.get(kind.name, kind.email_default)) for kind in KINDS.values()]


# --- The core's own kinds ------------------------------------------------------------------------

STEP_TO_CONFIRM = "step_to_confirm"
STEP_TO_VERIFY = "step_to_verify"
MEMBER_JOINED = "member_joined"
EVIDENCE_RUNNING_OUT = "evidence_running_out"
CERTIFICATE_LAPSING = "certificate_lapsing"

for _kind in (
    NoticeKind(
        STEP_TO_CONFIRM,
        COORDINATOR,
        gettext_lazy("“%(step)s” is waiting for you to confirm it in %(group)s."),
        gettext_lazy("A step is waiting for you to confirm it (coordinators)"),
    ),
    NoticeKind(
        STEP_TO_VERIFY,
        FACILITATOR,
        gettext_lazy("“%(step)s” is waiting for you to verify it in %(group)s."),
        gettext_lazy("A step is waiting for you to verify it (facilitators)"),
    ),
    NoticeKind(
        MEMBER_JOINED,
        COORDINATOR,
        gettext_lazy("%(person)s joined %(group)s with an invitation link."),
        gettext_lazy("Someone joins your group with an invitation link (coordinators)"),
    ),
    NoticeKind(
        EVIDENCE_RUNNING_OUT,
        COORDINATOR,
        gettext_lazy("“%(title)s” in %(group)s runs out on %(date)s. Add a new copy."),
        gettext_lazy("Evidence your group keeps is running out (coordinators)"),
    ),
    # Emailed unless the person chose not to: a certificate lapses only once in years, and a coordinator who
    # seldom signs in would otherwise find out from a funder.
    NoticeKind(
        CERTIFICATE_LAPSING,
        COORDINATOR,
        gettext_lazy(
            "The certificate of %(group)s for “%(pathway)s” is valid until %(date)s. It lapses after that day."
        ),
        gettext_lazy("A certificate your group holds will lapse in 60 days (coordinators)"),
        email_default=True,
    ),
):
    register_kind(_kind)
