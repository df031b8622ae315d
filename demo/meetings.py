"""Demo meetings: Riverside Tenants Together's last meeting, recorded by its coordinator with an open action."""

import uuid
from datetime import timedelta

from django.utils import timezone

from learning.meetings import services as meeting_services
from learning.meetings.models import Meeting
from learning.models import COMPLETE_STATUSES, CommunityGroup, Membership, Role, StepPage, StepProgress

# The same token each run, so loading the demo twice keeps one meeting.
RIVERSIDE_MEETING = uuid.UUID("5f0c2a6e-2b8f-4c7e-9a51-6d1f0b7c3e21")


def load(*, password, stdout):
    group = CommunityGroup.objects.filter(slug="riverside-tenants-together").first()
    if group is None or Meeting.objects.filter(group=group, token=RIVERSIDE_MEETING).exists():
        return []
    coordinator = Membership.objects.get(group=group, role=Role.COORDINATOR, left__isnull=True).user
    member = Membership.objects.filter(group=group, role=Role.MEMBER, left__isnull=True).first().user
    complete = StepProgress.objects.filter(group=group, status__in=COMPLETE_STATUSES).values("step_id")
    next_step = (
        (StepPage.objects.live().filter(pathway__in=group.enrolments.values("pathway")).exclude(pk__in=complete))
        .order_by("path")
        .first()
    )
    stage = next_step.get_parent().specific if next_step else None
    meeting_services.record_meeting(
        group=group,
        by=coordinator,
        token=RIVERSIDE_MEETING,
        held_on=timezone.localdate() - timedelta(days=9),
        place="The community flat, 2 Riverside Court",
        stage=stage,
        attendees=[coordinator, member],
        others_present=4,
        step_changes=[(next_step, "in_progress")] if next_step else [],
        decisions=(
            "We talked through who else we should be working with.\n"
            "We agreed to ask the housing association to come to our June meeting about the damp repairs."
        ),
        actions=[
            {
                "text": "Write to the housing association inviting them to the June meeting",
                "owner": member,
                "owner_name": "",
                "due_on": timezone.localdate() + timedelta(days=12),
            },
            {
                "text": "Book the community flat for June",
                "owner": None,
                "owner_name": "Jean (caretaker)",
                "due_on": timezone.localdate() + timedelta(days=5),
            },
        ],
    )
    stdout.write("Meetings: Riverside Tenants Together's last meeting is recorded.")
    return []
