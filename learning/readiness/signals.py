"""Signals the readiness app sends so a host site can react (audit trails, analytics, extra emails).

Each is sent once, after the database transaction that made the change has committed, with
``sender`` set to the model class of the ``grant`` or ``review`` argument.
"""

from django.dispatch import Signal

#: Sent when a group's coordinator shares the group's readiness profile with a funder organisation
#: (including when an existing grant is replaced with a new scope or expiry).
#: Keyword arguments: ``grant`` (ShareGrant), ``by`` (the user who shared).
share_granted = Signal()

#: Sent when a group stops sharing with a funder organisation. Expiry sends nothing: an expired
#: grant simply stops counting as live.
#: Keyword arguments: ``grant`` (ShareGrant), ``by`` (the user who stopped it).
share_revoked = Signal()

#: Sent when a funder reviewer posts a readiness review of a group.
#: Keyword arguments: ``review`` (ReadinessReview), ``by`` (the reviewer).
review_posted = Signal()
