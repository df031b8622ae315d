"""Partners' part of a group's data download: asks, stages, commitments with both sides' notes and the group's
marks, the Four Co's answers, the officers invited, sharing with public bodies and the officers' access log.

Registered with the core's `learning.group_export.register_section` in PartnersConfig.ready(), so the core
never imports partners. People are named by display name only (an officer by the name the group gave, never
their email address); each table is one query, whatever the size of the group.
"""

from django.utils.translation import gettext as _

from learning.group_export import CONSENT_COLUMNS, Table, access_log_table, consent_cells, person_name

from .models import (
    Ask,
    Commitment,
    FourCosAnswer,
    PartnerAccessLog,
    PartnerContact,
    PartnerGrant,
    ProgressNote,
    StageRecord,
)


def partners_section(group):
    asks = Ask.objects.filter(group=group).select_related("body", "created_by").order_by("sent_on", "pk")
    stages = (
        StageRecord.objects.filter(ask__group=group).select_related("recorded_by").order_by("ask_id", "happened_on")
    )
    commitments = (
        Commitment.objects.filter(ask__group=group)
        .select_related("created_by", "marked_by")
        .order_by("ask_id", "due_on", "pk")
    )
    notes = (
        ProgressNote.objects.filter(commitment__ask__group=group)
        .select_related("author")
        .order_by("commitment_id", "written_at", "pk")
    )
    four_cos = FourCosAnswer.objects.filter(ask__group=group).select_related("answered_by").order_by("ask_id", "side")
    officers = PartnerContact.objects.filter(group=group).select_related("body", "invited_by").order_by("invited_at")
    grants = (
        PartnerGrant.objects.filter(group=group)
        .select_related("body", "granted_by", "revoked_by")
        .order_by("granted_at", "pk")
    )
    access_log = (
        PartnerAccessLog.objects.filter(group=group).select_related("body", "viewer").order_by("viewed_at", "pk")
    )

    return [
        Table(
            "partners/asks",
            _(
                "Each ask the group made of a public body: its number in this download, the body, the issue and "
                "outcome in the group's words, its kind, when and how it was sent, and whether it was published."
            ),
            [
                "ask",
                "public_body",
                "title",
                "issue",
                "outcome",
                "kind",
                "sent_on",
                "sent_how",
                "decision_working_days",
                "recorded_by",
                "recorded",
                "published",
                "public_comment",
            ],
            [
                {
                    "ask": a.pk,
                    "public_body": a.body.name,
                    "title": a.title,
                    "issue": a.issue,
                    "outcome": a.outcome,
                    "kind": a.get_kind_display(),
                    "sent_on": a.sent_on,
                    "sent_how": a.get_sent_how_display(),
                    "decision_working_days": a.decision_working_days,
                    "recorded_by": person_name(a.created_by),
                    "recorded": a.created_at,
                    "published": a.published_at,
                    "public_comment": a.public_comment,
                }
                for a in asks
            ],
        ),
        Table(
            "partners/stages",
            _(
                "Each stage of a participation request: the ask (its number in asks.csv), the stage, its date, "
                "the decision and reasons, and who recorded it (the group or the public body's officer)."
            ),
            ["ask", "stage", "date", "decision", "reasons", "recorded_by", "recorded_by_the_officer", "recorded"],
            [
                {
                    "ask": s.ask_id,
                    "stage": s.get_stage_display(),
                    "date": s.happened_on,
                    "decision": s.get_decision_display() if s.decision else "",
                    "reasons": s.reasons,
                    "recorded_by": person_name(s.recorded_by),
                    "recorded_by_the_officer": s.recorded_by_officer,
                    "recorded": s.recorded_at,
                }
                for s in stages
            ],
        ),
        Table(
            "partners/commitments",
            _(
                "What each public body agreed to do: by when, who owns it, and whether the group marked it kept, "
                "partly kept or not kept, with its reason."
            ),
            [
                "commitment",
                "ask",
                "what",
                "due_on",
                "owner",
                "kept_or_not",
                "why",
                "marked_by",
                "marked",
                "recorded_by",
                "recorded",
            ],
            [
                {
                    "commitment": c.pk,
                    "ask": c.ask_id,
                    "what": c.what,
                    "due_on": c.due_on,
                    "owner": c.owner,
                    "kept_or_not": c.get_status_display(),
                    "why": c.status_reason,
                    "marked_by": person_name(c.marked_by),
                    "marked": c.marked_at,
                    "recorded_by": person_name(c.created_by),
                    "recorded": c.created_at,
                }
                for c in commitments
            ],
        ),
        Table(
            "partners/commitment_notes",
            _("Both sides' dated notes on each commitment (its number in commitments.csv), in their own words."),
            ["commitment", "side", "written_by", "note", "written"],
            [
                {
                    "commitment": n.commitment_id,
                    "side": n.get_side_display(),
                    "written_by": person_name(n.author),
                    "note": n.text,
                    "written": n.written_at,
                }
                for n in notes
            ],
        ),
        Table(
            "partners/four_cos",
            _(
                "Each side's answer to the Four Co's for an ask: who decided what was needed, who designed it, "
                "who delivered it and who assessed it."
            ),
            ["ask", "side", "decided", "designed", "delivered", "assessed", "answered_by", "answered"],
            [
                {
                    "ask": f.ask_id,
                    "side": f.get_side_display(),
                    "decided": f.get_commissioned_display(),
                    "designed": f.get_designed_display(),
                    "delivered": f.get_delivered_display(),
                    "assessed": f.get_assessed_display(),
                    "answered_by": person_name(f.answered_by),
                    "answered": f.answered_at,
                }
                for f in four_cos
            ],
        ),
        Table(
            "partners/officers",
            _(
                "Partner officers the group invited: their name as the group gave it, their public body, who "
                "invited them and when, and when they accepted or their place ended."
            ),
            ["officer", "public_body", "invited_by", "invited", "accepted", "ended"],
            [
                {
                    "officer": o.name,
                    "public_body": o.body.name,
                    "invited_by": person_name(o.invited_by),
                    "invited": o.invited_at,
                    "accepted": o.accepted_at,
                    "ended": o.ended_at,
                }
                for o in officers
            ],
        ),
        Table(
            "partners/sharing",
            _(
                "Every time the group shared with a public body's officers: what it shared, who shared it, until "
                "when, and when it stopped."
            ),
            ["public_body", "asks", "commitments", *CONSENT_COLUMNS],
            [
                {
                    "public_body": g.body.name,
                    "asks": g.share_asks,
                    "commitments": g.share_commitments,
                    **consent_cells(g),
                }
                for g in grants
            ],
        ),
        access_log_table(
            "partners/access_log",
            _("Every time a partner officer looked at what the group shared: who, what and when."),
            access_log,
            column="public_body",
            organisation=lambda entry: entry.body.name,
        ),
    ]
