"""Telling people that a participation request stage or a commitment is overdue: once for each overdue item.

The daily job (`manage.py notify_partners_overdue`) reads what is overdue (`selectors.overdue_for_groups`)
and hands it here. Each stage past its due date and each commitment past its day and not marked makes one
notice for each of the group's coordinators and facilitators and each invited officer of the body asked who
may see it (their address confirmed, the group's grant to their body live and sharing it). The event names
the item and its due date, so running the job again, or the next day, tells nobody twice (`notify`).
"""

from collections import defaultdict

from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format

from learning import notices as core_notices
from learning.models import Role
from learning.permissions import has_confirmed_email
from learning.services.notices import notify

from .. import notices
from ..models import Commitment, PartnerContact, PartnerGrant


def _officers_by_body(group):
    """{body id: (grant, [officer ids])} for the bodies the group shares with now through a live grant."""
    grants = {grant.body_id: grant for grant in PartnerGrant.objects.live().filter(group=group)}
    officers = defaultdict(list)
    contacts = PartnerContact.objects.filter(
        group=group, body_id__in=list(grants), user__isnull=False, ended_at__isnull=True
    ).select_related("user")
    for contact in contacts:
        if contact.user.is_active and has_confirmed_email(contact.user):
            officers[contact.body_id].append(contact.user_id)
    return {body_id: (grant, officers[body_id]) for body_id, grant in grants.items()}


def _officer_ids(shared, ask, *, commitments):
    grant, officer_ids = shared.get(ask.body_id, (None, []))
    if grant is None or not grant.share_asks or (commitments and not grant.share_commitments):
        return []
    return officer_ids


@transaction.atomic
def notify_overdue(*, groups, found):
    """Make the notices for what is overdue in these groups (`found`: group id -> [(ask, stage row or
    commitment)]); returns how many notices were asked for (none for those told before)."""
    made = 0
    for group in groups:
        items = found.get(group.pk)
        if not items:
            continue
        people = core_notices.member_ids(group, role=Role.COORDINATOR) + core_notices.facilitator_ids(group)
        shared = _officers_by_body(group)
        for ask, thing in items:
            url = reverse("partners:ask", kwargs={"slug": group.slug, "pk": ask.pk})
            params = {"group": group.name, "ask": ask.title, "body": ask.body.name}
            if isinstance(thing, Commitment):
                made += notify(
                    kind=notices.COMMITMENT_OVERDUE,
                    recipients=people + _officer_ids(shared, ask, commitments=True),
                    event=f"partners-commitment:{thing.pk}:{thing.due_on:%Y-%m-%d}",
                    url=f"{url}#commitment-{thing.pk}",
                    group=group,
                    audience_id=ask.body_id,
                    params={**params, "what": thing.what[:200], "date": date_format(thing.due_on, "j F Y")},
                )
            else:
                made += notify(
                    kind=notices.STAGE_OVERDUE,
                    recipients=people + _officer_ids(shared, ask, commitments=False),
                    event=f"partners-stage:{ask.pk}:{thing.stage}:{thing.due_on:%Y-%m-%d}",
                    url=url,
                    group=group,
                    audience_id=ask.body_id,
                    params={**params, "date": date_format(thing.due_on, "j F Y")},
                )
    return made
