"""A facilitator verifying a step whose requested evidence is missing is warned first (issue 17, item 5).

The warning page names the missing evidence; nothing is verified without the confirmation; with a reason the
step is verified and the reason is kept in the facilitator's name; a step with its evidence is verified in one
press; only the group's facilitator reaches the page, as only they could verify before. And a verification
never stands in for the coordinator's confirmation on a step the coordinator confirms.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learning.models import ActivityEntry, CompletionRule, Reflection, StepPage, StepProgress
from learning.services import progress
from tests.once import built_once, fresh_copy

from .factories import keep_evidence, make_pathway, world_of_roles

pytestmark = pytest.mark.django_db

FACILITATOR, COORDINATOR = CompletionRule.FACILITATOR, CompletionRule.COORDINATOR


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    """Group A on a four-step pathway, built once for the module (rolled back at its end; each test in a savepoint).

    Step 0 asks for a bank mandate the group has not kept; step 1 asks for a constitution the group keeps in its
    library; step 2 is confirmed by the coordinator; step 3 describes what to keep without naming a type.
    """
    with built_once(django_db_blocker, tmp_path_factory):
        pathway = make_pathway(stages=1, steps_per_stage=4, rules={0: FACILITATOR, 1: FACILITATOR, 2: COORDINATOR})
        w = world_of_roles(pathway=pathway, group_name="Oak Street Neighbours", other_group_name="Birch Lane")
        w.facilitator.display_name = "Fran Facilitator"
        w.facilitator.save()
        fields = [
            {"evidence_type": "bank_mandate", "evidence_asked": "A copy of the bank mandate with two signatories."},
            {"evidence_type": "constitution", "evidence_asked": "Your signed constitution."},
            {},
            {"evidence_asked": "A photo of the first meeting."},
        ]
        for step, values in zip(w.steps, fields, strict=True):
            StepPage.objects.filter(pk=step.pk).update(**values)
        w.bank, w.constitution, w.coordinated, w.photo = (StepPage.objects.get(pk=step.pk) for step in w.steps)
        progress.enrol(group=w.group, pathway=pathway, by=w.coordinator)
        keep_evidence(w.group, w.member, "Signed constitution", with_file=False, evidence_type="constitution")
        yield w


@pytest.fixture
def world(db, _built):
    return fresh_copy(_built)


def status_url(w, step):
    return reverse("learning:step_status", args=[w.group.slug, step.pk])


def confirm_url(w, step):
    return f"{status_url(w, step)}?action=verify"


def status_of(w, step):
    found = StepProgress.objects.filter(group=w.group, step=step).first()
    return found.status if found else "not_started"


def text(response):
    return response.content.decode()


def test_the_warning_page_names_the_missing_evidence(as_role, world):
    response = as_role("facilitator").get(confirm_url(world, world.bank))
    assert response.status_code == 200
    page = text(response)
    assert "without its evidence?" in page
    assert "Bank mandate" in page
    assert "A copy of the bank mandate with two signatories." in page
    assert 'name="reason"' in page and 'name="confirm" value="yes"' in page
    assert status_of(world, world.bank) == "not_started"


def test_pressing_verify_without_the_evidence_goes_to_the_warning_and_changes_nothing(as_role, world):
    client = as_role("facilitator")
    for action in ("verify", "done"):  # on a step a facilitator verifies, their "done" is a verification
        response = client.post(status_url(world, world.bank), {"action": action})
        assert response.status_code == 302 and response["Location"] == confirm_url(world, world.bank), action
    assert status_of(world, world.bank) == "not_started"
    assert not Reflection.objects.filter(group=world.group, step=world.bank).exists()
    assert not ActivityEntry.objects.filter(group=world.group, step=world.bank).exists()


def test_confirming_without_a_reason_asks_for_one_and_keeps_what_was_typed(as_role, world):
    client = as_role("facilitator")
    response = client.post(status_url(world, world.bank), {"action": "verify", "confirm": "yes", "reason": ""})
    assert response.status_code == 200
    assert "Say why you are verifying this step without the evidence." in text(response)
    too_long = "I saw it. " * 101
    response = client.post(status_url(world, world.bank), {"action": "verify", "confirm": "yes", "reason": too_long})
    assert response.status_code == 200 and too_long.strip() in text(response)
    assert status_of(world, world.bank) == "not_started"


def test_verifying_with_a_reason_keeps_it_in_the_facilitators_name(as_role, world):
    client = as_role("facilitator")
    reason = "I saw the signed mandate at their meeting on Tuesday."
    data = {"action": "verify", "confirm": "yes", "reason": reason}
    response = client.post(status_url(world, world.bank), data, follow=True)
    assert "Step verified. Your reason is kept" in text(response)
    assert status_of(world, world.bank) == "verified"
    entry = ActivityEntry.objects.get(group=world.group, step=world.bank, verb="verified")
    assert entry.actor == world.facilitator
    assert reason in entry.note and "Bank mandate" in entry.note
    # Kept in the activity, not as a reflection its author could edit or the coordinator hide.
    assert not Reflection.objects.filter(group=world.group, step=world.bank).exists()

    # The group reads the verification, by whom, and why, in its activity.
    dashboard = text(as_role("member").get(reverse("learning:group_dashboard", args=[world.group.slug])))
    assert "Fran Facilitator" in dashboard and "verified a step" in dashboard
    assert "Verified without the evidence this step asks for (Bank mandate). Why: " + reason in dashboard

    # A second press (a double tap, the back button) changes nothing.
    client = as_role("facilitator")
    assert client.post(status_url(world, world.bank), data).status_code == 302
    assert ActivityEntry.objects.filter(group=world.group, step=world.bank, verb="verified").count() == 1


def test_a_step_with_its_evidence_is_verified_in_one_press(as_role, world):
    response = as_role("facilitator").post(status_url(world, world.constitution), {"action": "verify"})
    assert response.status_code == 302 and "action=verify" not in response["Location"]
    assert status_of(world, world.constitution) == "verified"
    assert not Reflection.objects.filter(group=world.group, step=world.constitution).exists()


def test_a_step_that_only_describes_its_evidence_warns_too(as_role, world):
    page = text(as_role("facilitator").get(confirm_url(world, world.photo)))
    assert "A photo of the first meeting." in page and 'name="reason"' in page


def test_the_service_needs_a_reason_when_evidence_is_missing(world):
    with pytest.raises(ValidationError) as refused:
        progress.verify(group=world.group, step=world.bank, by=world.facilitator)
    assert refused.value.code == "evidence_missing"
    record = progress.verify(group=world.group, step=world.bank, by=world.facilitator, reason="Seen at the bank.")
    assert record.status == "verified"


def test_a_facilitators_done_that_becomes_a_verification_needs_the_reason_too(world):
    # The rule is the service's: a "done" the step's rule turns into a verification is asked the same question.
    with pytest.raises(ValidationError) as refused:
        progress.mark_done(group=world.group, step=world.bank, by=world.facilitator)
    assert refused.value.code == "evidence_missing"
    assert status_of(world, world.bank) == "not_started"
    assert progress.mark_done(group=world.group, step=world.constitution, by=world.facilitator).status == "verified"


def test_verifying_never_stands_in_for_the_coordinators_confirmation(as_role, world):
    as_role("member").post(status_url(world, world.coordinated), {"action": "done"})
    assert status_of(world, world.coordinated) == "awaiting_confirmation"
    client = as_role("facilitator")
    page = text(client.get(f"{world.coordinated.url}?group={world.group.slug}"))
    assert "coordinator confirms this step first. You can verify it once they have." in page
    assert 'value="verify"' not in page
    response = client.post(status_url(world, world.coordinated), {"action": "verify"}, follow=True)
    assert "The coordinator confirms this step first." in text(response)
    assert status_of(world, world.coordinated) == "awaiting_confirmation"
    with pytest.raises(ValidationError):
        progress.verify(group=world.group, step=world.coordinated, by=world.facilitator)

    as_role("coordinator").post(status_url(world, world.coordinated), {"action": "confirm"})
    assert status_of(world, world.coordinated) == "done"
    as_role("facilitator").post(status_url(world, world.coordinated), {"action": "verify"})
    assert status_of(world, world.coordinated) == "verified"


# As before: only the group's facilitator verifies; 403 for the rest of the group, 404 outside it.
EXPECTED = {"visitor": "login", "member": 403, "coordinator": 403, "other": 404, "staff": 404}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_no_one_but_the_facilitator_sees_the_warning_or_verifies(as_role, world, role):
    client = as_role(role)
    data = {"action": "verify", "confirm": "yes", "reason": "Looks fine to me."}
    for response in (client.get(confirm_url(world, world.bank)), client.post(status_url(world, world.bank), data)):
        if EXPECTED[role] == "login":
            assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
        else:
            assert response.status_code == EXPECTED[role]
            assert "Bank mandate" not in text(response)
    assert status_of(world, world.bank) == "not_started"
    assert not Reflection.objects.filter(group=world.group, step=world.bank).exists()
