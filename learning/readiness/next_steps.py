"""Readiness's items on each person's task lists (registered with `learning.next_steps` at start-up).

For a group's people: the open self-assessment round to rate (and, for coordinators, to agree and
close), funders' reviews to read and answer, and funders' requests to decide (coordinators only).
For a funder reviewer: groups shared with their organisation that they have not reviewed, replies from
groups that still share, and their requests still waiting. Each provider makes one or two queries
however many groups, and asks `permissions` about each item.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from learning.next_steps import (
    COMPLETED,
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    TODO,
    WAITING,
    WAITING_FOR_COORDINATOR,
    Item,
)

from . import permissions, selectors


def _day(moment):
    return date_format(timezone.localtime(moment), "j F Y")


def round_items(user, groups):
    """The open round: each member's own ratings, and the coordinator's agreeing and closing."""
    rating = [group for group in groups if permissions.can_rate_readiness(user, group)]
    rounds = selectors.open_rounds_for(rating, user)
    if not rounds:
        return []
    areas = selectors.area_count()
    items = []
    for group in rating:
        assessment_round = rounds.get(group.pk)
        if assessment_round is None:
            continue
        kwargs = {"slug": group.slug, "pk": assessment_round.pk}
        rated = min(assessment_round.my_ratings, areas)
        done = areas and rated >= areas
        items.append(
            Item(
                title=_("Give your view in the self-assessment"),
                hint=_("You have rated %(rated)d of %(areas)d areas.") % {"rated": rated, "areas": areas},
                url=reverse("readiness:rate", kwargs=kwargs),
                status=COMPLETED if done else IN_PROGRESS if rated else NOT_STARTED,
                group=group,
                state=DONE if done else TODO,
                order=30,
            )
        )
        if permissions.can_run_self_assessment(user, group):
            agreed = min(assessment_round.agreed, areas)
            items.append(
                Item(
                    title=_("Agree the group's levels and close the round"),
                    hint=_("%(agreed)d of %(areas)d areas agreed.") % {"agreed": agreed, "areas": areas},
                    url=reverse("readiness:round", kwargs=kwargs),
                    status=IN_PROGRESS if agreed else NOT_STARTED,
                    group=group,
                    order=35,
                )
            )
    return items


def review_items(user, groups):
    """Funders' reviews nobody has answered: the coordinator answers, members read."""
    reading = [
        group
        for group in groups
        if permissions.can_view_reviews(user, group) and permissions.access(user, group).is_member
    ]
    items = []
    by_pk = {group.pk: group for group in reading}
    for review in selectors.unanswered_reviews(reading):
        group = by_pk[review.group_id]
        url = reverse("readiness:group_review", kwargs={"slug": group.slug, "pk": review.pk})
        posted = _day(review.created_at)
        words = {"funder": review.funder.name}
        if permissions.can_reply_to_review(user, group):
            items.append(
                Item(
                    title=_("Read and answer the review from %(funder)s") % words,
                    hint=_("Posted on %(date)s.") % {"date": posted},
                    url=url,
                    status=NOT_STARTED,
                    group=group,
                    order=10,
                )
            )
        else:
            items.append(
                Item(
                    title=_("Read the review from %(funder)s") % words,
                    hint=_("Posted on %(date)s. Your coordinator answers it for the group.") % {"date": posted},
                    url=url,
                    status=WAITING_FOR_COORDINATOR,
                    group=group,
                    state=WAITING,
                    order=10,
                )
            )
    return items


def share_request_items(user, groups):
    """Funders' requests to share, for the coordinators who decide them (never members or facilitators)."""
    deciding = [group for group in groups if permissions.can_manage_sharing(user, group)]
    by_pk = {group.pk: group for group in deciding}
    items = []
    for share_request in selectors.pending_requests_to(deciding):
        group = by_pk[share_request.group_id]
        url = reverse("readiness:sharing", kwargs={"slug": group.slug})
        items.append(
            Item(
                title=_("Decide whether to share with %(funder)s") % {"funder": share_request.funder.name},
                hint=_("They asked on %(date)s.") % {"date": _day(share_request.created_at)},
                url=f"{url}?{urlencode({'funder': share_request.funder_id})}#share",
                status=NOT_STARTED,
                group=group,
                order=10,
            )
        )
    return items


def _funder_url(name, funder, fragment="", **kwargs):
    return f"{reverse(name, kwargs=kwargs or None)}?{urlencode({'funder': funder.slug})}{fragment}"


def funder_items(user, groups):
    """A funder reviewer's own work: reviews to write, replies to read, requests still waiting.

    Only through their organisations (`permissions.funder_organisations_for`, which asks for a
    confirmed address) and only for groups that share with them now.
    """
    organisations = list(permissions.funder_organisations_for(user))
    if not organisations:
        return []
    section = _("Your work as a funder reviewer")
    several = len(organisations) > 1
    items = []
    to_review = selectors.grants_not_reviewed(organisations)
    for grant in to_review[: selectors.HOME_FUNDER_LIMIT]:
        items.append(
            Item(
                title=_("Write a review of %(group)s") % {"group": grant.group.name},
                hint=_("For %(funder)s.") % {"funder": grant.funder.name} if several else "",
                url=_funder_url("readiness:funder_group", grant.funder, "#review", slug=grant.group.slug),
                status=NOT_STARTED,
                section=section,
                order=10,
            )
        )
    if len(to_review) > selectors.HOME_FUNDER_LIMIT:
        portfolio = reverse("readiness:portfolio")
        items.append(
            Item(
                title=_("See every group you have not reviewed yet"),
                hint=_("In your portfolio."),
                url=f"{portfolio}?{urlencode({'decision': 'none'})}",
                status=NOT_STARTED,
                section=section,
                order=11,
            )
        )
    for reply in selectors.recent_replies_to(organisations):
        review = reply.review
        items.append(
            Item(
                title=_("Read the reply from %(group)s") % {"group": review.group.name},
                hint=_("Sent on %(date)s.") % {"date": _day(reply.created_at)},
                url=_funder_url(
                    "readiness:funder_group", review.funder, f"#review-{review.pk}", slug=review.group.slug
                ),
                status=_("New reply"),
                section=section,
                order=20,
            )
        )
    for share_request in selectors.pending_requests_from(organisations):
        items.append(
            Item(
                title=_("Your request to %(group)s") % {"group": share_request.group.name},
                hint=_("You asked on %(date)s.") % {"date": _day(share_request.created_at)},
                url=_funder_url("readiness:share_requests", share_request.funder),
                status=_("Waiting for the group"),
                section=section,
                state=WAITING,
                order=30,
            )
        )
    if not items:
        # Nothing shared with them and nothing asked yet: the way to start, rather than a home that reads
        # as if they had no part in the Hub (or offers them the two ways into a community group).
        items.append(
            Item(
                title=_("Ask a group to share with you"),
                url=reverse("readiness:ask_to_share"),
                status=NOT_STARTED,
                section=section,
                order=40,
            )
        )
    return items


PROVIDERS = [share_request_items, review_items, round_items]
OWN_WORK_PROVIDERS = [funder_items]
