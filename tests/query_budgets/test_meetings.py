"""Query budgets for the meeting pages: the same budget in a small world (one meeting) and a large one (twelve,
each with every member present, three actions and a correction)."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from .conftest import Budget, Call, budget_id

pytestmark = pytest.mark.django_db


def url(name, w, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"slug": w.group.slug, **kwargs})


def meeting_url(name, w, **kwargs):
    return url(name, w, pk=w.meeting.pk, **kwargs)


def stage_of(w):
    return w.todo_step.get_parent()


def record_form(w):
    """A meeting with every member present, the last three steps of the stage done and three actions."""
    steps = w.steps[-3:]
    data = {
        "token": str(uuid.uuid4()),
        "stage": steps[0].get_parent().pk,
        "held_on": timezone.localdate().isoformat(),
        "place": "The hall",
        "attendees": [person.pk for person in [w.coordinator, *w.members]],
        "others_present": "1",
        "decisions": "Agreed.",
        "actions-TOTAL_FORMS": "5",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "5",
    }
    for step in steps:
        data[f"step_{step.pk}"] = "in_progress"
    for n in range(3):
        data[f"actions-{n}-text"] = f"Action {n}"
        data[f"actions-{n}-owner"] = w.member.pk
        data[f"actions-{n}-due_on"] = timezone.localdate().isoformat()
    return data


BUDGETS = [
    Budget("meetings:list", 9, lambda w: Call(w.member, url("list", w))),
    # The member list is read once for the attendance boxes and once for each action row's owner list.
    Budget("meetings:record", 18, lambda w: Call(w.coordinator, f"{url('record', w)}?stage={stage_of(w).pk}")),
    Budget(
        "meetings:record",
        53,
        lambda w: Call(w.coordinator, url("record", w), "post", record_form(w), status=302),
        note="POST with three step changes and three actions",
    ),
    Budget("meetings:detail", 12, lambda w: Call(w.member, meeting_url("detail", w))),
    Budget("meetings:propose_correction", 12, lambda w: Call(w.member, meeting_url("propose_correction", w))),
    Budget(
        "meetings:propose_correction",
        12,
        lambda w: Call(w.member, meeting_url("propose_correction", w), "post", {"text": "New words."}, status=302),
        note="POST",
    ),
    Budget(
        "meetings:decide_correction",
        17,
        lambda w: Call(
            w.coordinator,
            meeting_url("decide_correction", w, correction_pk=w.correction.pk),
            "post",
            {"decision": "accept"},
            status=302,
        ),
    ),
    Budget(
        "meetings:keep_as_evidence",
        20,
        lambda w: Call(
            w.coordinator, meeting_url("keep_as_evidence", w), "post", {"evidence_type": "agm_minutes"}, status=302
        ),
    ),
    Budget(
        "meetings:action_done",
        9,
        lambda w: Call(w.coordinator, meeting_url("action_done", w, action_pk=w.meeting_action.pk), "post", status=302),
    ),
]


@pytest.mark.parametrize("budget", BUDGETS, ids=budget_id)
def test_meeting_views_stay_within_budget(within_budget, budget):
    within_budget(budget)
