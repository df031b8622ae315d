"""The learning app's part of erasing a person (called by the host's erasure, e.g. `accounts.services`).

What the person did for their groups stays, attributed through the account row that then reads
"A former member"; what only identified them goes: memberships and facilitator assignments end,
invitation links bound to their email address lose it, funder organisations stop listing them; their
notices and email choices go, and so do the notices telling coordinators they joined (which name them).
"""

from django.db import transaction
from django.utils import timezone

from .models import Invitation, Membership, Notice
from .notices import MEMBER_JOINED
from .services.groups import withdraw_from_groups
from .services.notices import erase_notices


@transaction.atomic
def erase_personal_data(*, user, email, **kwargs):
    """End the person's place in every group, drop their email from invitation links, delete their notices."""
    now = timezone.now()
    erase_notices(user=user)
    # Coordinators' notices that this person joined name them; the group's members page still says who was in it.
    joined = [f"membership:{pk}" for pk in Membership.objects.filter(user=user).values_list("pk", flat=True)]
    Notice.objects.filter(kind=MEMBER_JOINED, event__in=joined).delete()
    # A closed group is read-only and needs no coordinator any more, so its memberships simply end.
    Membership.objects.active().filter(user=user, group__closed_at__isnull=False).update(left=now)
    withdraw_from_groups(user=user)
    bound = Invitation.objects.filter(email__iexact=email)
    bound.filter(used_at__isnull=True, cancelled_at__isnull=True).update(cancelled_at=now)
    # A link bound to the address was made for this person, so its note of whom it is for goes too.
    bound.update(email="", label="")
