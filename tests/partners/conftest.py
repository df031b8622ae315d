"""Fixtures for partners tests: the readiness world (every group role, two funders) plus public bodies, asks, a
commitment, and partner officers invited, not invited and shut out."""

import copy
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import transaction

from learning.partners.models import BodyKind, PublicBody
from learning.partners.services import asks, officers
from tests.learning.conftest import as_role, private_media  # noqa: F401 (fixtures used by these tests)
from tests.learning.factories import assign_facilitator, make_person
from tests.readiness.conftest import build_world, share


def invite_and_accept(group, body, *, by, share_asks=True, share_commitments=True, person=None):
    """An officer of `body` invited by `group` who has accepted; returns (person, contact)."""
    person = person or make_person()
    contact = officers.invite_officer(
        group=group,
        by=by,
        body=body,
        name=person.display_name,
        email=person.email,
        share_asks=share_asks,
        share_commitments=share_commitments,
    )
    return person, officers.accept_invitation(token=contact.token, user=person)


def build_partners_world():
    w = build_world()
    w.funder_grant = share(w)
    w.council = PublicBody.objects.create(name="Glasgow City Council", kind=BodyKind.COUNCIL, identifier="S12000049")
    w.health_board = PublicBody.objects.create(name="NHS Greater Glasgow and Clyde", kind=BodyKind.HEALTH_BOARD)
    w.ask = asks.record_ask(
        group=w.group,
        by=w.coordinator,
        body=w.council,
        title="Repairs in our flats",
        issue="Damp and mould reported months ago are still not fixed.",
        outcome="Homes repaired within the council's own target times.",
        kind="participation",
        sent_on=date(2026, 1, 12),
        sent_how="email",
    )
    asks.record_stage(ask=w.ask, by=w.coordinator, stage="acknowledged", happened_on=date(2026, 1, 14))
    asks.record_stage(ask=w.ask, by=w.coordinator, stage="validated", happened_on=date(2026, 1, 20))
    w.commitment = asks.record_commitment(
        ask=w.ask, by=w.coordinator, what="Survey every flat for damp", due_on=date(2026, 3, 1), owner="Repairs team"
    )
    w.health_ask = asks.record_ask(
        group=w.group,
        by=w.coordinator,
        body=w.health_board,
        title="A clinic nearer the scheme",
        issue="The nearest clinic is two buses away.",
        outcome="People can see a nurse without a long journey.",
        kind="informal",
        sent_on=date(2026, 2, 1),
        sent_how="letter",
    )
    w.officer, w.contact = invite_and_accept(w.group, w.council, by=w.coordinator)
    # Invited by group A for the health board, but the group has stopped sharing with the health board.
    w.officer_revoked, _contact = invite_and_accept(w.group, w.health_board, by=w.coordinator)
    w.health_grant = w.group.partner_grants.get(body=w.health_board, revoked_at__isnull=True)
    officers.stop_sharing(grant=w.health_grant, by=w.coordinator)
    # A council officer whom only group B invited.
    w.officer_elsewhere, _contact = invite_and_accept(w.other_group, w.council, by=w.other_group.coordinator)
    w.other_facilitator = assign_facilitator(w.other_group)
    w.editor = make_person(email="editor.partners@example.org")
    w.editor.groups.add(Group.objects.get(name="Editors"))
    w.people |= {
        "editor": w.editor,
        "funder_live": w.reviewer_a,
        "funder_none": w.reviewer_b,
        "officer": w.officer,
        "officer_revoked": w.officer_revoked,
        "officer_elsewhere": w.officer_elsewhere,
        "other_facilitator": w.other_facilitator,
    }
    return w


@pytest.fixture(scope="module")
def _built_once(django_db_setup, django_db_blocker):
    """The world built once per module inside a transaction rolled back at its end (as setUpTestData does);
    each test runs in its own savepoint, so what one test changes the next never sees."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_partners_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(db, _built_once):
    for cache in caches.all():
        cache.clear()
    return copy.deepcopy(_built_once)
