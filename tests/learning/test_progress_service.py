"""The progress service: completion rules, idempotence, stored percent, signals."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from learning.models import ActivityEntry, Certificate, CompletionRule, PathwayProgress, StepProgress, StepStatus
from learning.services import progress
from learning.signals import pathway_completed, progress_changed

from .factories import add_step, assign_facilitator, make_group, make_pathway, make_person, steps_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    pathway = make_pathway(
        stages=2, steps_per_stage=2, rules={1: CompletionRule.COORDINATOR, 2: CompletionRule.FACILITATOR}
    )
    group = make_group(members=1)
    progress.enrol(group=group, pathway=pathway, by=group.coordinator)
    return pathway, group, steps_of(pathway)


def stored(group, pathway):
    return PathwayProgress.objects.get(group=group, pathway=pathway)


def test_steps_know_their_pathway(setup):
    pathway, _group, steps = setup
    assert len(steps) == 4
    assert all(step.pathway_id == pathway.pk for step in steps)


def test_marking_done_twice_leaves_one_record_and_one_activity_entry(setup):
    pathway, group, steps = setup
    member = group.people[0]
    progress.mark_done(group=group, step=steps[0], by=member)
    progress.mark_done(group=group, step=steps[0], by=member)
    assert StepProgress.objects.filter(group=group, step=steps[0]).count() == 1
    assert ActivityEntry.objects.filter(group=group, step=steps[0], verb="marked_done").count() == 1
    summary = stored(group, pathway)
    assert (summary.done, summary.total, summary.percent) == (1, 4, 25)


def test_a_coordinator_step_marked_by_a_member_waits_for_confirmation(setup):
    pathway, group, steps = setup
    record = progress.mark_done(group=group, step=steps[1], by=group.people[0])
    assert record.status == StepStatus.AWAITING_CONFIRMATION
    assert stored(group, pathway).done == 0
    # The member pressing "done" again does not confirm it; the coordinator's press does.
    record = progress.mark_done(group=group, step=steps[1], by=group.people[0])
    assert record.status == StepStatus.AWAITING_CONFIRMATION
    assert stored(group, pathway).done == 0
    record = progress.mark_done(group=group, step=steps[1], by=group.coordinator)
    assert record.status == StepStatus.DONE
    assert stored(group, pathway).done == 1


def test_a_facilitators_done_on_a_coordinator_step_waits_for_the_coordinator(setup):
    pathway, group, steps = setup
    facilitator = assign_facilitator(group)
    record = progress.mark_done(group=group, step=steps[1], by=facilitator)
    assert record.status == StepStatus.AWAITING_CONFIRMATION
    assert stored(group, pathway).done == 0
    assert progress.mark_done(group=group, step=steps[1], by=group.coordinator).status == StepStatus.DONE


def test_a_facilitator_step_needs_a_facilitator(setup):
    pathway, group, steps = setup
    assert (
        progress.mark_done(group=group, step=steps[2], by=group.coordinator).status == StepStatus.AWAITING_VERIFICATION
    )
    with pytest.raises(PermissionDenied):
        progress.verify(group=group, step=steps[2], by=group.coordinator)
    facilitator = assign_facilitator(group)
    record = progress.verify(group=group, step=steps[2], by=facilitator)
    assert record.status == StepStatus.VERIFIED and record.on_behalf
    entry = ActivityEntry.objects.filter(group=group, verb="verified").get()
    assert entry.recorded_by_facilitator and entry.actor == facilitator


def test_marking_done_never_downgrades_a_verified_step(setup):
    _pathway, group, steps = setup
    facilitator = assign_facilitator(group)
    progress.verify(group=group, step=steps[0], by=facilitator)
    assert progress.mark_done(group=group, step=steps[0], by=group.people[0]).status == StepStatus.VERIFIED


def test_outsiders_cannot_change_progress(setup):
    _pathway, group, steps = setup
    with pytest.raises(PermissionDenied):
        progress.mark_done(group=group, step=steps[0], by=make_person())
    other = make_group()
    with pytest.raises(PermissionDenied):
        progress.mark_done(group=group, step=steps[0], by=other.coordinator)


def test_a_pathway_the_group_has_not_started_cannot_be_worked_on():
    pathway = make_pathway(stages=1, steps_per_stage=1)
    group = make_group()
    with pytest.raises(ValidationError):
        progress.mark_done(group=group, step=steps_of(pathway)[0], by=group.coordinator)


def test_not_applicable_counts_out_of_the_total(setup):
    pathway, group, steps = setup
    progress.record_step_status(group=group, step=steps[3], status=StepStatus.NOT_APPLICABLE, by=group.coordinator)
    assert (stored(group, pathway).done, stored(group, pathway).total) == (0, 3)


def test_completing_sends_signals_and_issues_one_certificate(setup, django_capture_on_commit_callbacks):
    pathway, group, steps = setup
    facilitator = assign_facilitator(group)
    changed, completed = [], []
    progress_changed.connect(lambda **kw: changed.append(kw["status"]), weak=False, dispatch_uid="t1")
    pathway_completed.connect(lambda **kw: completed.append(kw["group"]), weak=False, dispatch_uid="t2")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            for step in steps:
                # A step the coordinator confirms is completed by the coordinator; the facilitator does the rest.
                by = group.coordinator if step.completion_rule == CompletionRule.COORDINATOR else facilitator
                progress.mark_done(group=group, step=step, by=by)
    finally:
        progress_changed.disconnect(dispatch_uid="t1")
        pathway_completed.disconnect(dispatch_uid="t2")
    summary = stored(group, pathway)
    assert summary.percent == 100 and summary.completed_at
    assert completed == [group]
    assert len(changed) == 4
    assert Certificate.objects.filter(group=group, pathway=pathway).count() == 1


def test_publishing_or_unpublishing_a_step_updates_every_enrolled_group(setup, django_capture_on_commit_callbacks):
    pathway, group, steps = setup
    second = make_group()
    progress.enrol(group=second, pathway=pathway, by=second.coordinator)
    progress.mark_done(group=group, step=steps[0], by=group.coordinator)
    progress.mark_done(group=second, step=steps[0], by=second.coordinator)
    assert stored(group, pathway).percent == 25
    with django_capture_on_commit_callbacks(execute=True):
        add_step(steps[0].get_parent(), title="A new step")
    assert (stored(group, pathway).total, stored(group, pathway).percent) == (5, 20)
    assert stored(second, pathway).percent == 20
    with django_capture_on_commit_callbacks(execute=True):
        steps[3].unpublish()
    assert stored(group, pathway).total == 4
    assert stored(second, pathway).percent == 25


def test_deleting_or_moving_a_step_updates_progress(setup, django_capture_on_commit_callbacks):
    pathway, group, steps = setup
    progress.mark_done(group=group, step=steps[0], by=group.coordinator)
    other = make_pathway(stages=1, steps_per_stage=1)
    with django_capture_on_commit_callbacks(execute=True):
        steps[3].move(other.get_children().first(), pos="last-child")
    steps[3].refresh_from_db()
    assert steps[3].pathway_id == other.pk
    assert stored(group, pathway).total == 3
    # A step the group worked on cannot be deleted (it is unpublished instead); one nobody touched can.
    with django_capture_on_commit_callbacks(execute=True):
        steps[1].delete()
    assert (stored(group, pathway).done, stored(group, pathway).total) == (1, 2)


def test_recalculate_progress_command_repairs_stored_numbers(setup):
    from django.core.management import call_command

    pathway, group, steps = setup
    progress.mark_done(group=group, step=steps[0], by=group.coordinator)
    PathwayProgress.objects.update(done=0, total=99, percent=0)
    call_command("recalculate_progress", stdout=__import__("io").StringIO())
    assert (stored(group, pathway).done, stored(group, pathway).total) == (1, 4)
