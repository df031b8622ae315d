"""Readiness's kinds of notice and its audience, registered with the core's `learning.notices` in ready().

A funder's reviewers are told of grants made or stopped and of the group's replies; a group's
coordinators of reviews and requests to share; its members of a round open for their view. The
"reviewer" audience keeps a notice to the reviewers of the funder it was made for, while they still are.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy

from learning.notices import COORDINATOR, MEMBER, NoticeKind, forget_unread_count
from learning.permissions import has_confirmed_email

from .permissions import funder_organisations_for

REVIEWER = "reviewer"

ROUND_OPENED = "round_opened"
REVIEW_POSTED = "review_posted"
REVIEW_REPLY = "review_reply"
SHARE_REQUESTED = "share_requested"
SHARE_GRANTED = "share_granted"
SHARE_REVOKED = "share_revoked"


def reviewer_rule(user):
    """Notices made for the reviewers of a funder the person reviews for now."""
    return Q(audience_id__in=funder_organisations_for(user).values("pk"))


def reviewer_ids(funder):
    """The funder's reviewers now (those who have confirmed their address, as the permission rules ask)."""
    return [user.pk for user in funder.reviewers.filter(is_active=True) if has_confirmed_email(user)]


def reviewers_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A funder's reviewers changed: the people concerned count their notices again (m2m_changed receiver)."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if reverse:  # from the person's side: `instance` is the person
        forget_unread_count(instance.pk)
    elif action == "pre_clear":
        forget_unread_count(*instance.reviewers.values_list("pk", flat=True))
    else:
        forget_unread_count(*(pk_set or ()))


KINDS = [
    NoticeKind(
        ROUND_OPENED,
        MEMBER,
        gettext_lazy("%(group)s has opened a self-assessment round. Record your view of each area."),
        gettext_lazy("Your group opens a self-assessment round for your view (members)"),
    ),
    NoticeKind(
        REVIEW_POSTED,
        COORDINATOR,
        gettext_lazy("%(funder)s has posted a readiness review of %(group)s. Read it and reply."),
        gettext_lazy("A funder posts a review of your group (coordinators)"),
        email_default=True,
        own_email=True,
    ),
    NoticeKind(
        SHARE_REQUESTED,
        COORDINATOR,
        gettext_lazy("%(funder)s asks %(group)s to share its readiness profile. Decide on the sharing page."),
        gettext_lazy("A funder asks to see your group's readiness profile (coordinators)"),
        email_default=True,
        own_email=True,
    ),
    NoticeKind(
        REVIEW_REPLY,
        REVIEWER,
        gettext_lazy("%(group)s has replied to %(funder)s's review."),
        gettext_lazy("A group replies to your funder's review (funder reviewers)"),
        email_default=True,
        own_email=True,
    ),
    NoticeKind(
        SHARE_GRANTED,
        REVIEWER,
        gettext_lazy("%(group)s now shares its readiness profile with %(funder)s."),
        gettext_lazy("A group shares its profile with your funder (funder reviewers)"),
        email_default=True,
        own_email=True,
    ),
    NoticeKind(
        SHARE_REVOKED,
        REVIEWER,
        gettext_lazy("%(group)s has stopped sharing its readiness profile with %(funder)s."),
        gettext_lazy("A group stops sharing its profile with your funder (funder reviewers)"),
    ),
]
