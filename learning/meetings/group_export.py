"""Meetings' part of a group's data download: its meetings, the steps worked on, actions and corrections.

Registered with the core's `learning.group_export.register_section` in MeetingsConfig.ready(). People are
named by display name only; each table is one query (the meetings two, with who came), whatever the size.
"""

from django.utils.translation import gettext as _

from learning.group_export import Table, person_name

from .models import Meeting, MeetingAction, MeetingStepChange, MinutesCorrection


def meetings_section(group):
    meetings = Meeting.objects.filter(group=group).select_related("recorded_by").prefetch_related("attendees")
    changes = MeetingStepChange.objects.filter(meeting__group=group).order_by("meeting_id", "pk")
    actions = MeetingAction.objects.filter(meeting__group=group).select_related("owner", "done_by")
    corrections = MinutesCorrection.objects.filter(meeting__group=group).select_related("proposed_by", "decided_by")
    return [
        Table(
            "meetings/meetings",
            _("Each meeting: its number in this download, date, place, who came, the decisions and who recorded it."),
            ["meeting", "date", "place", "members_present", "others_present", "decisions", "recorded_by", "recorded"],
            [
                {
                    "meeting": m.pk,
                    "date": m.held_on,
                    "place": _("online") if m.online else m.place,
                    "members_present": ", ".join(person_name(person) for person in m.attendees.all()),
                    "others_present": m.others_present,
                    "decisions": m.decisions,
                    "recorded_by": person_name(m.recorded_by),
                    "recorded": m.recorded_at,
                }
                for m in meetings.order_by("held_on", "pk")
            ],
        ),
        Table(
            "meetings/steps",
            _("The steps each meeting worked on: the status asked for and the status the step's rule gave it."),
            ["meeting", "step", "asked_for", "result"],
            [
                {"meeting": c.meeting_id, "step": c.step_title, "asked_for": c.requested, "result": c.result}
                for c in changes
            ],
        ),
        Table(
            "meetings/actions",
            _("The actions agreed at each meeting: who does them, by when, and when they were done."),
            ["meeting", "action", "owner", "due", "done", "done_by"],
            [
                {
                    "meeting": a.meeting_id,
                    "action": a.text,
                    "owner": a.owner_name or person_name(a.owner),
                    "due": a.due_on,
                    "done": a.done_at,
                    "done_by": person_name(a.done_by),
                }
                for a in actions.order_by("meeting_id", "pk")
            ],
        ),
        Table(
            "meetings/corrections",
            _("Corrections proposed to the minutes, the decision on each, and the text an accepted one replaced."),
            ["meeting", "proposed_by", "proposed", "text", "reason", "status", "decided_by", "decided", "earlier_text"],
            [
                {
                    "meeting": c.meeting_id,
                    "proposed_by": person_name(c.proposed_by),
                    "proposed": c.proposed_at,
                    "text": c.text,
                    "reason": c.reason,
                    "status": c.status,
                    "decided_by": person_name(c.decided_by),
                    "decided": c.decided_at,
                    "earlier_text": c.previous_text,
                }
                for c in corrections.order_by("meeting_id", "pk")
            ],
        ),
    ]
