"""Signals the learning app sends so a host site can react (emails, badges, analytics).

Both are sent after the database transaction that made the change has committed.
"""

from django.dispatch import Signal

#: Sent when a group's status for a step changes.
#: Keyword arguments: ``group`` (CommunityGroup), ``pathway`` (PathwayPage or None),
#: ``step`` (StepPage), ``status`` (the new StepStatus value), ``by`` (the user who made the change).
progress_changed = Signal()

#: Sent once when a group completes every applicable step of a pathway.
#: Keyword arguments: ``group`` (CommunityGroup), ``pathway`` (PathwayPage).
pathway_completed = Signal()

#: Sent when a group is closed (read-only, hidden from every list until it is purged) and when staff reopen it.
#: Keyword arguments: ``group`` (CommunityGroup), ``by`` (the user who closed or reopened it).
group_closed = Signal()
group_reopened = Signal()
