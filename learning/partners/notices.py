"""Partners' kinds of notice and their audiences, registered with the core's `learning.notices` in ready().

When a participation request's stage passes its statutory due date, or a commitment its day without being
marked, the group's coordinators and facilitators and the invited officers of the body asked are told once
(emailed unless they chose otherwise). A notice stays visible while the person still holds that place: a
coordinator or facilitator of the group now, or an officer of the body whom the group invited and shares
that record with now (asks for a stage; asks and commitments for a commitment). One query, as the core asks.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy

from learning.notices import AUDIENCES, COORDINATOR, FACILITATOR, NoticeKind
from learning.permissions import has_confirmed_email

from .models import PartnerGrant

ASKS_AUDIENCE = "partner_asks"
COMMITMENTS_AUDIENCE = "partner_commitments"

STAGE_OVERDUE = "partners_stage_overdue"
COMMITMENT_OVERDUE = "partners_commitment_overdue"


def _officer_rule(user, scopes):
    """Notices about a group and a body (`audience_id`) that the group invited this person for and shares
    `scopes` with now."""
    if not has_confirmed_email(user):
        return Q(pk__in=[])
    live = PartnerGrant.objects.live().filter(
        group_id=OuterRef("group_id"),
        body_id=OuterRef("audience_id"),
        body__contacts__user=user,
        body__contacts__group_id=OuterRef("group_id"),
        body__contacts__ended_at__isnull=True,
        **{f"share_{scope}": True for scope in scopes},
    )
    return Q(Exists(live))


def _group_rule(user):
    return AUDIENCES[COORDINATOR](user) | AUDIENCES[FACILITATOR](user)


def asks_rule(user):
    return _group_rule(user) | _officer_rule(user, ("asks",))


def commitments_rule(user):
    return _group_rule(user) | _officer_rule(user, ("asks", "commitments"))


AUDIENCE_RULES = {ASKS_AUDIENCE: asks_rule, COMMITMENTS_AUDIENCE: commitments_rule}

# Emailed unless the person chose otherwise: a statutory deadline passes once, and a coordinator or officer
# who seldom signs in would otherwise not know.
KINDS = [
    NoticeKind(
        STAGE_OVERDUE,
        ASKS_AUDIENCE,
        gettext_lazy(
            "“%(ask)s”, the participation request of %(group)s to %(body)s, is past a statutory deadline: "
            "the next stage was due by %(date)s."
        ),
        gettext_lazy(
            "A participation request is past a statutory deadline (coordinators, facilitators, partner officers)"
        ),
        email_default=True,
    ),
    NoticeKind(
        COMMITMENT_OVERDUE,
        COMMITMENTS_AUDIENCE,
        gettext_lazy("A commitment %(body)s made to %(group)s was due by %(date)s and is not yet kept: %(what)s"),
        gettext_lazy("A public body's commitment is overdue (coordinators, facilitators, partner officers)"),
        email_default=True,
    ),
]
