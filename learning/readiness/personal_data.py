"""Readiness's part of a person's data download: their ratings, the levels they recorded, and their work as
a coordinator or a funder reviewer (sharing, requests, reviews, replies, what they looked at).

Listed in the host's `ACCOUNTS_PERSONAL_DATA_PROVIDERS`; returns plain dicts, never imports the host.
Only records the person made or that name them.
"""

from django.utils.translation import gettext as _

from .models import (
    AccessLog,
    AgreedLevel,
    EvidenceDomainLink,
    FunderOrganisation,
    MemberRating,
    ReadinessReview,
    ReviewReply,
    ShareGrant,
    ShareRequest,
)


def personal_data(user):
    ratings = (
        MemberRating.objects.filter(member=user).select_related("round__group", "domain").order_by("updated_at", "pk")
    )
    agreed = (
        AgreedLevel.objects.filter(agreed_by=user).select_related("round__group", "domain").order_by("agreed_at", "pk")
    )
    links = (
        EvidenceDomainLink.objects.filter(linked_by=user)
        .select_related("evidence__group", "domain")
        .order_by("linked_at", "pk")
    )
    grants = ShareGrant.objects.filter(granted_by=user).select_related("group", "funder").order_by("granted_at", "pk")
    requests = (
        ShareRequest.objects.filter(requested_by=user).select_related("group", "funder").order_by("created_at", "pk")
    )
    reviews = (
        ReadinessReview.objects.filter(reviewer=user).select_related("group", "funder").order_by("created_at", "pk")
    )
    replies = ReviewReply.objects.filter(author=user).select_related("review__group").order_by("created_at", "pk")
    looked = AccessLog.objects.filter(viewer=user).select_related("group", "funder").order_by("viewed_at", "pk")
    funders = FunderOrganisation.objects.filter(reviewers=user).order_by("name")

    return [
        {
            "name": "readiness/my_ratings.json",
            "about": _("The self-assessment ratings you gave your groups, with your comments."),
            "data": [
                {
                    "group": r.round.group.name,
                    "round": f"{r.round.get_kind_display()} {r.round.opened_at:%Y-%m-%d}",
                    "area": r.domain.name,
                    "level": r.level,
                    "comment": r.comment,
                    "updated": r.updated_at,
                }
                for r in ratings
            ],
        },
        {
            "name": "readiness/levels_i_recorded.json",
            "about": _("Levels you recorded as agreed by your group, with the reasons, strengths and next steps."),
            "data": [
                {
                    "group": a.round.group.name,
                    "area": a.domain.name,
                    "level": a.level,
                    "reasons": a.reasons,
                    "strengths": a.strengths,
                    "next_steps": a.next_steps,
                    "agreed": a.agreed_at,
                }
                for a in agreed
            ],
        },
        {
            "name": "readiness/evidence_areas_i_linked.json",
            "about": _("Evidence you linked to a readiness area."),
            "data": [
                {
                    "group": link.evidence.group.name,
                    "evidence": link.evidence.title,
                    "area": link.domain.name,
                    "linked": link.linked_at,
                }
                for link in links
            ],
        },
        {
            "name": "readiness/sharing_i_gave.json",
            "about": _("Times you shared a group's readiness with a funder."),
            "data": [
                {
                    "group": g.group.name,
                    "funder": g.funder.name,
                    "shared": g.granted_at,
                    "until": g.expires_at,
                    "stopped": g.revoked_at,
                }
                for g in grants
            ],
        },
        {
            "name": "readiness/funders_i_review_for.json",
            "about": _("Funder organisations you review groups for."),
            "data": [f.name for f in funders],
        },
        {
            "name": "readiness/share_requests_i_made.json",
            "about": _("Requests you made, as a funder reviewer, for a group to share with your organisation."),
            "data": [
                {
                    "group": r.group.name,
                    "funder": r.funder.name,
                    "message": r.message,
                    "asked": r.created_at,
                    "status": r.get_status_display(),
                }
                for r in requests
            ],
        },
        {
            "name": "readiness/reviews_i_wrote.json",
            "about": _("Reviews you wrote as a funder reviewer."),
            "data": [
                {
                    "group": r.group.name,
                    "funder": r.funder.name,
                    "decision": r.get_decision_display(),
                    "feedback": r.feedback,
                    "posted": r.created_at,
                }
                for r in reviews
            ],
        },
        {
            "name": "readiness/replies_i_wrote.json",
            "about": _("Replies you wrote to funders' reviews."),
            "data": [{"group": r.review.group.name, "reply": r.body, "posted": r.created_at} for r in replies],
        },
        {
            "name": "readiness/what_i_looked_at.json",
            "about": _("As a funder reviewer: each time you opened a group's shared data (the group sees this too)."),
            "data": [
                {
                    "group": entry.group.name,
                    "funder": entry.funder.name,
                    "what": entry.get_kind_display(),
                    "detail": entry.detail,
                    "when": entry.viewed_at,
                }
                for entry in looked
            ],
        },
    ]
