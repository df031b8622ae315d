"""Who may do what with a group's meetings, built on the core's rules (learning.permissions).

Reading a group's meetings is for whoever may see the group. Recording one is for its coordinators and
active facilitators (a facilitator records on the group's behalf). A member who came may propose a
correction to the minutes; the coordinator accepts or declines it. An action's owner or a coordinator
marks it done. A closed group is read-only: `working_access` answers no for every change.
"""

from learning import permissions as core


def can_view_meetings(user, group):
    return core.can_view_group(user, group)


def can_record_meeting(user, group):
    """Record a meeting and its step changes: the coordinators and the active facilitators."""
    found = core.working_access(user, group)
    return found.is_coordinator or found.is_facilitator


def attended(user, meeting):
    """Whether the person is among the members the meeting recorded as present."""
    if not core.signed_in(user):
        return False
    ids = getattr(meeting, "attendee_ids", None)
    if ids is None:
        return meeting.attendees.filter(pk=user.pk).exists()
    return user.pk in ids


def can_propose_correction(user, meeting):
    """A member who came to the meeting and is still in the group."""
    return core.working_access(user, meeting.group_id).is_member and attended(user, meeting)


def can_decide_correction(user, meeting):
    """Accept or decline a correction: the group's coordinators."""
    return core.working_access(user, meeting.group_id).is_coordinator


def can_keep_as_evidence(user, meeting):
    """Keep the minutes in the evidence library: whoever may record meetings (and so add evidence)."""
    return can_record_meeting(user, meeting.group_id) and core.can_add_evidence(user, meeting.group_id)


def can_mark_action_done(user, action, group):
    """The action's owner while still in the group, or a coordinator."""
    found = core.working_access(user, group)
    if found.is_coordinator:
        return True
    return found.is_member and action.owner_id is not None and action.owner_id == user.pk
