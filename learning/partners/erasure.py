"""Partners' part of erasing a person (called by the host's erasure, e.g. `accounts.services`).

What they recorded, wrote and marked stays with the group, attributed through the account row that then reads
"A former member": the group would miss its asks, stages, commitments and both sides' notes. What only
identified them goes: their places as a partner officer end, and those places and any officer invitation
bound to their address lose the name and address the group gave (the group's list reads "A former partner
officer" in their place).
"""

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.notices import forget_unread_count

from .models import PartnerContact
from .permissions import forget_officer_grants


@transaction.atomic
def erase_personal_data(*, user, email, **kwargs):
    """End the person's officer places and unused officer invitations to their address, and forget their names."""
    PartnerContact.objects.filter(Q(user=user) | Q(email__iexact=email)).update(
        ended_at=Coalesce("ended_at", timezone.now()), name=_("A former partner officer"), email=""
    )
    forget_officer_grants(user)
    forget_unread_count(user.pk)
