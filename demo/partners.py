"""Demo partners: public bodies, Riverside's participation request to Glasgow City Council about repairs (validated,
its decision due in the future), one commitment kept and one overdue, an invited housing officer, and the Four Co's
answered differently by the two sides. Built through the partners services; safe to run twice."""

from datetime import timedelta

from django.utils import timezone

from learning.models import CommunityGroup
from learning.partners import clock
from learning.partners.models import Ask, BodyKind, PartnerContact, PublicBody
from learning.partners.services import asks, officers

from .learning import _ensure_user

BODIES = [
    ("Glasgow City Council", BodyKind.COUNCIL, "S12000049"),
    ("NHS Greater Glasgow and Clyde", BodyKind.HEALTH_BOARD, "S08000031"),
    ("Glasgow City Health and Social Care Partnership", BodyKind.HSCP, "S37000015"),
    ("Wheatley Homes Glasgow", BodyKind.HOUSING_ASSOCIATION, ""),
    ("Police Scotland Greater Glasgow Division", BodyKind.POLICE_DIVISION, ""),
]
TITLE = "Repairs in the Riverside flats"


def _working_days_before(day, count):
    while count:
        day -= timedelta(days=1)
        if clock.is_working_day(day):
            count -= 1
    return day


def load(*, password, stdout):
    bodies = {}
    for name, kind, identifier in BODIES:
        bodies[name], _created = PublicBody.objects.update_or_create(
            name=name, defaults={"kind": kind, "identifier": identifier}
        )
    council = bodies["Glasgow City Council"]
    group = CommunityGroup.objects.get(slug="riverside-tenants-together")
    coordinator = group.memberships.get(role="coordinator", left__isnull=True).user
    officer = _ensure_user(email="officer@example.org", display_name="Olivia Officer", password=password)
    accounts = [("officer", "officer@example.org", "Housing officer at Glasgow City Council, invited by Riverside")]
    if Ask.objects.filter(group=group, title=TITLE).exists():
        return accounts
    today = timezone.localdate()
    validated = _working_days_before(today, 10)
    ask = asks.record_ask(
        group=group,
        by=coordinator,
        body=council,
        title=TITLE,
        issue="Damp, mould and broken entry doors reported to the council many times are still not fixed.",
        outcome="Tenants live in warm, dry, safe homes, with repairs done within the council's own target times.",
        kind="participation",
        sent_on=_working_days_before(validated, 6),
        sent_how="email",
    )
    asks.record_stage(ask=ask, by=coordinator, stage="acknowledged", happened_on=_working_days_before(validated, 3))
    contact = PartnerContact.objects.filter(group=group, user=officer).first()
    if contact is None:
        contact = officers.invite_officer(
            group=group,
            by=coordinator,
            body=council,
            name="Olivia Officer",
            email=officer.email,
            share_asks=True,
            share_commitments=True,
        )
        officers.accept_invitation(token=contact.token, user=officer)
    asks.record_stage(ask=ask, by=officer, stage="validated", happened_on=validated)
    kept = asks.record_commitment(
        ask=ask, by=officer, what="Fix the broken entry doors at blocks 2 and 4", due_on=validated, owner="Repairs team"
    )
    asks.add_note(commitment=kept, by=officer, text="Both doors replaced; new locks fitted.")
    asks.mark_commitment(
        commitment=kept, by=coordinator, status="kept", reason="Both doors work and close properly now."
    )
    overdue = asks.record_commitment(
        ask=ask,
        by=officer,
        what="Survey every flat for damp and share the results with the group",
        due_on=today - timedelta(days=7),
        owner="Housing investment team",
    )
    asks.add_note(commitment=overdue, by=coordinator, text="Only half the flats have been visited so far.")
    asks.answer_four_cos(
        ask=ask,
        by=coordinator,
        answers={"commissioned": "community", "designed": "both", "delivered": "service", "assessed": "community"},
    )
    asks.answer_four_cos(
        ask=ask,
        by=officer,
        answers={"commissioned": "both", "designed": "both", "delivered": "service", "assessed": "both"},
    )
    stdout.write("Partners: Riverside's participation request to Glasgow City Council, with its housing officer.")
    return accounts
