"""Readiness's part of a group's data download: rounds, ratings, evidence areas, sharing, access log, reviews.

Registered with the core's `learning.group_export.register_section` in ReadinessConfig.ready(), so the
core never imports readiness. People are named by display name only; each table is one query (two for
reviews, with their suggested steps), whatever the size of the group.
"""

from django.utils.translation import gettext as _

from learning.group_export import CONSENT_COLUMNS, Table, access_log_table, consent_cells, person_name

from .models import (
    AccessLog,
    AgreedLevel,
    AssessmentRound,
    DomainRating,
    EvidenceDomainLink,
    MemberRating,
    ReadinessReview,
    ReviewReply,
    ShareGrant,
    ShareRequest,
)


def _round_label(assessment_round):
    return f"{assessment_round.get_kind_display()} {assessment_round.opened_at:%Y-%m-%d}"


def readiness_section(group):
    rounds = AssessmentRound.objects.filter(group=group).select_related("opened_by", "closed_by").order_by("opened_at")
    agreed = (
        AgreedLevel.objects.filter(round__group=group)
        .select_related("round", "domain", "agreed_by")
        .order_by("round__opened_at", "domain__sort_order", "pk")
    )
    ratings = (
        MemberRating.objects.filter(round__group=group)
        .select_related("round", "domain", "member")
        .order_by("round__opened_at", "domain__sort_order", "pk")
    )
    links = (
        EvidenceDomainLink.objects.filter(evidence__group=group)
        .select_related("evidence", "domain", "linked_by")
        .order_by("evidence_id", "domain__sort_order")
    )
    grants = (
        ShareGrant.objects.filter(group=group)
        .select_related("funder", "granted_by", "revoked_by")
        .order_by("granted_at", "pk")
    )
    requests = (
        ShareRequest.objects.filter(group=group)
        .select_related("funder", "requested_by", "responded_by")
        .order_by("created_at", "pk")
    )
    access_log = AccessLog.objects.filter(group=group).select_related("funder", "viewer").order_by("viewed_at", "pk")
    reviews = (
        ReadinessReview.objects.filter(group=group)
        .select_related("funder", "reviewer")
        .prefetch_related("suggested_steps")
        .order_by("created_at", "pk")
    )
    domain_ratings = (
        DomainRating.objects.filter(review__group=group).select_related("domain").order_by("review_id", "pk")
    )
    replies = ReviewReply.objects.filter(review__group=group).select_related("author").order_by("created_at", "pk")

    return [
        Table(
            "readiness/rounds",
            _("Each self-assessment round: its number in this download, kind, who opened and closed it, and when."),
            ["round", "kind", "opened", "opened_by", "closed", "closed_by"],
            [
                {
                    "round": r.pk,
                    "kind": r.get_kind_display(),
                    "opened": r.opened_at,
                    "opened_by": person_name(r.opened_by),
                    "closed": r.closed_at,
                    "closed_by": person_name(r.closed_by),
                }
                for r in rounds
            ],
        ),
        Table(
            "readiness/agreed_levels",
            _("The level the group agreed for each area in each round, with its reasons, strengths and next steps."),
            ["round", "area", "level", "reasons", "strengths", "next_steps", "agreed_by", "agreed"],
            [
                {
                    "round": a.round_id,
                    "area": a.domain.name,
                    "level": a.level,
                    "reasons": a.reasons,
                    "strengths": a.strengths,
                    "next_steps": a.next_steps,
                    "agreed_by": person_name(a.agreed_by),
                    "agreed": a.agreed_at,
                }
                for a in agreed
            ],
        ),
        Table(
            "readiness/member_ratings",
            _("Each member's own rating of each area in each round, with their comment."),
            ["round", "area", "member", "level", "comment", "updated"],
            [
                {
                    "round": m.round_id,
                    "area": m.domain.name,
                    "member": person_name(m.member),
                    "level": m.level,
                    "comment": m.comment,
                    "updated": m.updated_at,
                }
                for m in ratings
            ],
        ),
        Table(
            "readiness/evidence_areas",
            _(
                "Which readiness area each piece of evidence supports (the id is the one in evidence.csv), and "
                "whether the Hub linked it because the area asks for evidence of its type."
            ),
            ["evidence_id", "evidence", "area", "linked_by", "linked", "linked_by_the_hub"],
            [
                {
                    "evidence_id": link.evidence_id,
                    "evidence": link.evidence.title,
                    "area": link.domain.name,
                    "linked_by": person_name(link.linked_by),
                    "linked": link.linked_at,
                    "linked_by_the_hub": link.automatic,
                }
                for link in links
            ],
        ),
        Table(
            "readiness/sharing",
            _(
                "Every time the group shared with a funder: what it shared, who shared it, until when, and when it "
                "stopped."
            ),
            ["funder", "progress", "self_assessment", "evidence", "postcode", "also_shared", *CONSENT_COLUMNS],
            [
                {
                    "funder": g.funder.name,
                    "progress": g.share_progress,
                    "self_assessment": g.share_self_assessment,
                    "evidence": g.share_evidence,
                    "postcode": g.share_postcode,
                    "also_shared": "; ".join(g.more_scopes or ()),
                    **consent_cells(g),
                }
                for g in grants
            ],
        ),
        Table(
            "readiness/share_requests",
            _("Funders who asked the group to share, their message and the group's answer."),
            ["funder", "asked_by", "message", "asked", "status", "answered_by", "answered"],
            [
                {
                    "funder": r.funder.name,
                    "asked_by": person_name(r.requested_by),
                    "message": r.message,
                    "asked": r.created_at,
                    "status": r.get_status_display(),
                    "answered_by": person_name(r.responded_by),
                    "answered": r.responded_at,
                }
                for r in requests
            ],
        ),
        access_log_table(
            "readiness/access_log",
            _("Every time a funder looked at the group's shared data: who, what and when."),
            access_log,
            column="funder",
            organisation=lambda entry: entry.funder.name,
        ),
        Table(
            "readiness/reviews",
            _("Funders' reviews of the group: decision, feedback and the steps they suggested."),
            ["review", "funder", "reviewer", "decision", "feedback", "suggested_steps", "posted"],
            [
                {
                    "review": r.pk,
                    "funder": r.funder.name,
                    "reviewer": person_name(r.reviewer),
                    "decision": r.get_decision_display(),
                    "feedback": r.feedback,
                    "suggested_steps": "; ".join(step.title for step in r.suggested_steps.all()),
                    "posted": r.created_at,
                }
                for r in reviews
            ],
        ),
        Table(
            "readiness/review_ratings",
            # The Hub's suggested rating and the reviewer's reason for differing are the funder's own notes,
            # which the group's review page does not show either.
            _("The rating a funder gave each area in a review (red, amber or green) and the funder's comment."),
            ["review", "area", "rating", "comment"],
            [
                {
                    "review": d.review_id,
                    "area": d.domain.name,
                    "rating": d.get_final_display(),
                    "comment": d.comment,
                }
                for d in domain_ratings
            ],
        ),
        Table(
            "readiness/review_replies",
            _("The group's replies to reviews."),
            ["review", "author", "reply", "posted"],
            [
                {"review": r.review_id, "author": person_name(r.author), "reply": r.body, "posted": r.created_at}
                for r in replies
            ],
        ),
    ]
