"""What meetings add to each person's task lists (open actions) and to a stage's meeting pack (a link to
record the meeting's outcomes). Registered from MeetingsConfig.ready()."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from learning.next_steps import TODO, WAITING, Item

from . import permissions
from .forms import person_label
from .models import MeetingAction


def action_items(user, groups):
    """Every open action of the groups the person can see, one query however many groups: theirs to do
    (their own, or any for a coordinator) first, the others as waiting for their owner."""
    seen = {group.pk: group for group in groups if permissions.can_view_meetings(user, group)}
    if not seen:
        return []
    open_actions = (
        MeetingAction.objects.filter(meeting__group_id__in=seen, done_at__isnull=True)
        .select_related("meeting", "owner")
        .order_by("due_on", "id")
    )
    items = []
    for action in open_actions:
        group = seen[action.meeting.group_id]
        due = date_format(action.due_on, "j F Y")
        owner = action.owner_name or (person_label(action.owner) if action.owner_id else _("A former member"))
        mine = permissions.can_mark_action_done(user, action, group)
        items.append(
            Item(
                title=action.text,
                hint=_("Agreed at the meeting of %(date)s. Who: %(owner)s.")
                % {"date": date_format(action.meeting.held_on, "j F Y"), "owner": owner},
                url=reverse("meetings:detail", kwargs={"slug": group.slug, "pk": action.meeting_id})
                + f"#action-{action.pk}",
                status=(_("Overdue: due %(date)s") if action.is_overdue else _("Due %(date)s")) % {"date": due},
                group=group,
                state=TODO if mine else WAITING,
                order=35,
            )
        )
    return items


def record_outcomes_link(user, group, stage):
    """On a stage's meeting pack printed for a group: record what the meeting did, the stage chosen already."""
    if not permissions.can_record_meeting(user, group):
        return None
    return f"{reverse('meetings:record', kwargs={'slug': group.slug})}?stage={stage.pk}", _(
        "Record this meeting's outcomes"
    )
