"""Step actions through the plain HTML forms: confirm, verify, not applicable, undo, enrol."""

import pytest
from django.urls import reverse

from learning.models import CompletionRule, Enrolment, StepPage, StepProgress

pytestmark = pytest.mark.django_db


def status_of(world, step):
    found = StepProgress.objects.filter(group=world.group, step=step).first()
    return found.status if found else "not_started"


def post(client, world, step, action):
    return client.post(reverse("learning:step_status", args=[world.group.slug, step.pk]), {"action": action})


@pytest.fixture
def coordinator_step(world):
    StepPage.objects.filter(pk=world.steps[1].pk).update(completion_rule=CompletionRule.COORDINATOR)
    return StepPage.objects.get(pk=world.steps[1].pk)


@pytest.fixture
def facilitator_step(world):
    StepPage.objects.filter(pk=world.steps[2].pk).update(completion_rule=CompletionRule.FACILITATOR)
    return StepPage.objects.get(pk=world.steps[2].pk)


@pytest.mark.parametrize(("role", "allowed"), [("member", False), ("coordinator", True), ("facilitator", False)])
def test_only_the_coordinator_confirms(as_role, world, coordinator_step, role, allowed):
    post(as_role("member"), world, coordinator_step, "done")
    assert status_of(world, coordinator_step) == "awaiting_confirmation"
    response = post(as_role(role), world, coordinator_step, "confirm")
    assert response.status_code == (302 if allowed else 403)
    assert status_of(world, coordinator_step) == ("done" if allowed else "awaiting_confirmation")


@pytest.mark.parametrize(("role", "allowed"), [("member", False), ("coordinator", False), ("facilitator", True)])
def test_only_a_facilitator_verifies(as_role, world, facilitator_step, role, allowed):
    post(as_role("member"), world, facilitator_step, "done")
    assert status_of(world, facilitator_step) == "awaiting_verification"
    response = post(as_role(role), world, facilitator_step, "verify")
    assert response.status_code == (302 if allowed else 403)
    assert status_of(world, facilitator_step) == ("verified" if allowed else "awaiting_verification")


def test_the_step_page_shows_the_waiting_step_and_the_facilitator_recording(as_role, world, facilitator_step):
    post(as_role("member"), world, facilitator_step, "done")
    dashboard = as_role("coordinator").get(reverse("learning:group_dashboard", args=[world.group.slug]))
    assert b"Waiting for confirmation or verification" in dashboard.content
    client = as_role("facilitator")
    page = client.get(f"{facilitator_step.url}?group={world.group.slug}")
    assert b"Verify this step" in page.content
    post(client, world, facilitator_step, "verify")
    page = client.get(f"{facilitator_step.url}?group={world.group.slug}")
    assert b"for the group" in page.content


def test_not_applicable_and_undo(as_role, world):
    assert post(as_role("member"), world, world.step, "not_applicable").status_code == 403
    post(as_role("coordinator"), world, world.step, "not_applicable")
    assert status_of(world, world.step) == "not_applicable"
    post(as_role("member"), world, world.step, "undo")
    assert status_of(world, world.step) == "not_started"


def test_unknown_actions_and_unpublished_steps(as_role, world):
    client = as_role("member")
    assert post(client, world, world.step, "explode").status_code == 302
    assert status_of(world, world.step) == "not_started"
    world.steps[3].unpublish()
    assert post(client, world, world.steps[3], "done").status_code == 404


def test_only_the_coordinator_enrols(as_role, world):
    from .factories import make_pathway

    other_pathway = make_pathway(stages=1, steps_per_stage=1)
    url = reverse("learning:enrol", args=[world.group.slug])
    assert as_role("member").post(url, {"pathway": other_pathway.pk}).status_code == 403
    assert as_role("facilitator").post(url, {"pathway": other_pathway.pk}).status_code == 403
    assert as_role("coordinator").post(url, {"pathway": "nonsense"}).status_code == 404
    assert as_role("coordinator").post(url, {"pathway": other_pathway.pk}).status_code == 302
    assert Enrolment.objects.filter(group=world.group, pathway=other_pathway).exists()


def test_a_visitor_sees_a_prompt_to_sign_in_or_start_a_group(client, world):
    content = client.get(world.step.url).content
    assert b"Sign in" in content and b"start a group" in content
    assert b"Mark as done" not in content
