"""Partners' part of a person's data download: what they recorded and wrote about asks and commitments, the
officers they invited and the sharing they gave, and, as a partner officer, their places and what they opened.

Listed in the host's `ACCOUNTS_PERSONAL_DATA_PROVIDERS`; returns plain dicts, never imports the host. Only
records the person made or that name them: an officer they invited is listed by body, not by name or address.
"""

from django.utils.translation import gettext as _

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


def personal_data(user):
    asks = Ask.objects.filter(created_by=user).select_related("group", "body").order_by("created_at", "pk")
    stages = (
        StageRecord.objects.filter(recorded_by=user)
        .select_related("ask__group", "ask__body")
        .order_by("recorded_at", "pk")
    )
    commitments = (
        Commitment.objects.filter(created_by=user).select_related("ask__group", "ask__body").order_by("created_at")
    )
    marks = (
        Commitment.objects.filter(marked_by=user).select_related("ask__group", "ask__body").order_by("marked_at", "pk")
    )
    notes = (
        ProgressNote.objects.filter(author=user)
        .select_related("commitment__ask__group", "commitment__ask__body")
        .order_by("written_at", "pk")
    )
    answers = FourCosAnswer.objects.filter(answered_by=user).select_related("ask__group").order_by("answered_at", "pk")
    invited = PartnerContact.objects.filter(invited_by=user).select_related("group", "body").order_by("invited_at")
    places = PartnerContact.objects.filter(user=user).select_related("group", "body").order_by("accepted_at", "pk")
    grants = PartnerGrant.objects.filter(granted_by=user).select_related("group", "body").order_by("granted_at")
    looked = PartnerAccessLog.objects.filter(viewer=user).select_related("group", "body").order_by("viewed_at", "pk")

    return [
        {
            "name": "partners/asks_i_recorded.json",
            "about": _("Asks of public bodies you recorded for your groups, in the words you gave."),
            "data": [
                {
                    "group": a.group.name,
                    "public_body": a.body.name,
                    "title": a.title,
                    "issue": a.issue,
                    "outcome": a.outcome,
                    "kind": a.get_kind_display(),
                    "sent_on": a.sent_on,
                    "recorded": a.created_at,
                }
                for a in asks
            ],
        },
        {
            "name": "partners/stages_i_recorded.json",
            "about": _("Stages of participation requests you recorded, with the decision and reasons you gave."),
            "data": [
                {
                    "group": s.ask.group.name,
                    "public_body": s.ask.body.name,
                    "ask": s.ask.title,
                    "stage": s.get_stage_display(),
                    "date": s.happened_on,
                    "decision": s.get_decision_display() if s.decision else "",
                    "reasons": s.reasons,
                    "as_partner_officer": s.recorded_by_officer,
                    "recorded": s.recorded_at,
                }
                for s in stages
            ],
        },
        {
            "name": "partners/commitments_i_recorded.json",
            "about": _("Commitments of public bodies you recorded."),
            "data": [
                {
                    "group": c.ask.group.name,
                    "public_body": c.ask.body.name,
                    "what": c.what,
                    "due_on": c.due_on,
                    "owner": c.owner,
                    "recorded": c.created_at,
                }
                for c in commitments
            ],
        },
        {
            "name": "partners/commitments_i_marked.json",
            "about": _("Commitments you marked kept, partly kept or not kept, with the reason you gave."),
            "data": [
                {
                    "group": c.ask.group.name,
                    "public_body": c.ask.body.name,
                    "what": c.what,
                    "kept_or_not": c.get_status_display(),
                    "why": c.status_reason,
                    "marked": c.marked_at,
                }
                for c in marks
            ],
        },
        {
            "name": "partners/notes_i_wrote.json",
            "about": _("Notes you wrote on commitments, for your group or for your public body, as you typed them."),
            "data": [
                {
                    "group": n.commitment.ask.group.name,
                    "public_body": n.commitment.ask.body.name,
                    "commitment": n.commitment.what,
                    "side": n.get_side_display(),
                    "note": n.text,
                    "written": n.written_at,
                }
                for n in notes
            ],
        },
        {
            "name": "partners/four_cos_i_answered.json",
            "about": _("Your answers to the Four Co's: who decided, designed, delivered and assessed the work."),
            "data": [
                {
                    "group": f.ask.group.name,
                    "ask": f.ask.title,
                    "side": f.get_side_display(),
                    "decided": f.get_commissioned_display(),
                    "designed": f.get_designed_display(),
                    "delivered": f.get_delivered_display(),
                    "assessed": f.get_assessed_display(),
                    "answered": f.answered_at,
                }
                for f in answers
            ],
        },
        {
            "name": "partners/officers_i_invited.json",
            "about": _(
                "Times you invited an officer of a public body to work with your group (the officer's "
                "name and address are theirs, so they are not listed)."
            ),
            "data": [{"group": o.group.name, "public_body": o.body.name, "invited": o.invited_at} for o in invited],
        },
        {
            "name": "partners/sharing_i_gave.json",
            "about": _("Times you shared a group's asks or commitments with a public body's officers."),
            "data": [
                {
                    "group": g.group.name,
                    "public_body": g.body.name,
                    "asks": g.share_asks,
                    "commitments": g.share_commitments,
                    "shared": g.granted_at,
                    "until": g.expires_at,
                    "stopped": g.revoked_at,
                }
                for g in grants
            ],
        },
        {
            "name": "partners/my_places_as_partner_officer.json",
            "about": _(
                "Groups that invited you as a partner officer: your name and address as they gave them, "
                "your public body, and when you accepted and your place ended."
            ),
            "data": [
                {
                    "group": c.group.name,
                    "public_body": c.body.name,
                    "name": c.name,
                    "email": c.email,
                    "invited": c.invited_at,
                    "accepted": c.accepted_at,
                    "ended": c.ended_at,
                }
                for c in places
            ],
        },
        {
            "name": "partners/what_i_looked_at.json",
            "about": _("As a partner officer: each time you opened what a group shared (the group sees this too)."),
            "data": [
                {
                    "group": entry.group.name,
                    "public_body": entry.body.name,
                    "what": entry.get_kind_display(),
                    "detail": entry.detail,
                    "when": entry.viewed_at,
                }
                for entry in looked
            ],
        },
    ]
