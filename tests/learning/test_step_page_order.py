"""Step pages read top to bottom (issue 17, items 8 and 9): the instructions, the "Check before you finish" list,
then the group's actions; "Not applicable to our group" only while the step is not done; a facilitator is
addressed as the facilitator and sees one action with a line saying what it does."""

import pytest
from django.urls import reverse

from learning.models import CompletionRule, StepPage
from learning.services import progress
from tests.once import built_once, fresh_copy

from .factories import make_pathway, world_of_roles

pytestmark = pytest.mark.django_db

INSTRUCTIONS = "Read the draft constitution together at your next meeting."
CHECKLIST_ITEM = "Everyone has had a copy to read."


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    """Group A on a pathway with a step written as editors write them, built once for the module."""
    with built_once(django_db_blocker, tmp_path_factory):
        pathway = make_pathway(stages=1, steps_per_stage=1, rules={0: CompletionRule.COORDINATOR})
        w = world_of_roles(pathway=pathway, group_name="Oak Street Neighbours", other_group_name="Birch Lane")
        step = StepPage(
            title="Agree a constitution",
            slug="agree-a-constitution-order",
            summary="Agree the rules your group runs by.",
            evidence_asked="Your signed constitution.",
            body=[
                {"type": "paragraph", "value": f"<p>{INSTRUCTIONS}</p>"},
                {"type": "checklist", "value": {"title": "Check before you finish", "items": [CHECKLIST_ITEM]}},
            ],
        )
        w.steps[0].get_parent().add_child(instance=step)
        step.save_revision().publish()
        w.step = StepPage.objects.get(pk=step.pk)
        w.coordinated = w.steps[0]
        progress.enrol(group=w.group, pathway=pathway, by=w.coordinator)
        yield w


@pytest.fixture
def world(db, _built):
    return fresh_copy(_built)


def step_page(client, w, step=None):
    response = client.get(f"{(step or w.step).url}?group={w.group.slug}")
    assert response.status_code == 200
    return response.content.decode()


def action_forms(page):
    return page.count('name="action"')


def test_instructions_then_the_checklist_then_the_actions(as_role, world):
    page = step_page(as_role("member"), world)
    positions = [
        page.index(INSTRUCTIONS),
        page.index("Check before you finish"),
        page.index(CHECKLIST_ITEM),
        page.index("Evidence this step asks for"),
        page.index('id="step-actions"'),
        page.index('name="action" value="done"'),
    ]
    assert positions == sorted(positions)


def test_a_visitor_reads_the_instructions_before_the_prompt_to_sign_in(client, world):
    page = client.get(world.step.url).content.decode()
    assert page.index(CHECKLIST_ITEM) < page.index("Work through this with your group")


def test_not_applicable_is_offered_only_while_the_step_is_not_done(as_role, world):
    client = as_role("coordinator")
    assert "Not applicable to our group" in step_page(client, world)
    client.post(reverse("learning:step_status", args=[world.group.slug, world.step.pk]), {"action": "done"})
    page = step_page(client, world)
    assert "Not applicable to our group" not in page
    assert "Undo: mark as not done" in page


def test_a_facilitator_is_addressed_as_the_facilitator_and_sees_one_action(as_role, world):
    page = step_page(as_role("facilitator"), world)
    assert "You are this group's facilitator." in page
    assert "Verify this step when you have checked the group has done it." in page
    assert 'aria-describedby="facilitator-action-help"' in page
    assert "Verify this step</button>" in page
    assert "Mark as done" not in page and "Not applicable to our group" not in page
    assert action_forms(page) == 1


def test_a_facilitator_waits_for_the_coordinator_on_a_step_the_coordinator_confirms(as_role, world):
    page = step_page(as_role("facilitator"), world, world.coordinated)
    assert "The group's coordinator confirms this step first. You can verify it once they have." in page
    assert action_forms(page) == 0


def test_after_verifying_the_facilitator_can_take_it_back_and_members_meet_no_dead_end(as_role, world):
    client = as_role("facilitator")
    # The step asks for evidence the group has not kept, so the facilitator gives a reason.
    data = {"action": "verify", "confirm": "yes", "reason": "I read their signed copy at the meeting."}
    client.post(reverse("learning:step_status", args=[world.group.slug, world.step.pk]), data)
    page = step_page(client, world)
    assert "Take back the verification" in page and action_forms(page) == 1
    # Only a facilitator can take a verification back, so members are not offered an undo that would be refused.
    page = step_page(as_role("member"), world)
    assert "Undo: mark as not done" not in page
    assert "Only a facilitator can take a verification back." in page
