"""Fixtures for the meetings tests: a group with every role on a one-stage pathway, and the record form's data."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from learning.services import progress
from tests.learning.factories import assign_facilitator, make_pathway, world_of_roles

from ..learning.conftest import private_media  # noqa: F401 (evidence files in a temporary folder)


def meeting_world(rules=None):
    """Group A (coordinator, member, facilitator) and group B, both started on a one-stage, three-step pathway."""
    w = world_of_roles(
        pathway=make_pathway(stages=1, steps_per_stage=3, rules=rules),
        group_name="Riverbank Neighbours",
        other_group_name="Hillside Allotments",
    )
    w.stage = w.steps[0].get_parent().specific
    w.other_facilitator = assign_facilitator(w.other_group)
    w.people["other_facilitator"] = w.other_facilitator
    progress.enrol(group=w.group, pathway=w.pathway, by=w.coordinator)
    progress.enrol(group=w.other_group, pathway=w.pathway, by=w.other_group.coordinator)
    return w


def record_data(w, *, steps=None, token=None, actions=(), **extra):
    """What the record form sends: a meeting yesterday in the hall with the member present, and `steps`
    ({step: status}) and `actions` ([(text, owner, owner_name, due)]) filled in."""
    data = {
        "token": str(token or uuid.uuid4()),
        "stage": w.stage.pk,
        "held_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "place": "The community hall",
        "attendees": [w.member.pk],
        "others_present": "2",
        "decisions": "We agreed to meet monthly.",
        "actions-TOTAL_FORMS": "5",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "5",
    }
    for step, status in (steps or {}).items():
        data[f"step_{step.pk}"] = status
    for number, (text, owner, owner_name, due) in enumerate(actions):
        data[f"actions-{number}-text"] = text
        data[f"actions-{number}-owner"] = owner.pk if owner else ""
        data[f"actions-{number}-owner_name"] = owner_name
        data[f"actions-{number}-due_on"] = due.isoformat() if due else ""
    data.update(extra)
    return data


@pytest.fixture
def world(db):
    return meeting_world()


@pytest.fixture
def as_role(client, world):
    def login(role):
        client.logout()
        person = world.people[role]
        if person is not None:
            client.force_login(person)
        return client

    return login
