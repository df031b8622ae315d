"""An editor's publish queues one background recount, and only when the pathway's live steps changed.

Run with the database task backend (as in production) so a queued recount waits for the worker:
a title edit queues nothing; a new step, an unpublished step, a deleted stage or a step moved to
another pathway queue one recount per pathway touched; once the worker has run it every group's
stored progress equals a recount, and running it again changes nothing. The recount takes one
short transaction and one lock per group, never every enrolment of the pathway at once.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.models import (
    COMPLETE_STATUSES,
    ActivityEntry,
    Certificate,
    PathwayProgress,
    StagePage,
    StepPage,
    StepProgress,
    StepStatus,
)
from learning.services import progress
from learning.tasks import recount_pathway
from tests.production.worker import DATABASE_TASKS, queued, run_ready_tasks

from .factories import add_step, make_group, make_pathway, steps_of

pytestmark = pytest.mark.django_db

RECOUNT = "learning.tasks.recount_pathway"


@pytest.fixture
def pathway_with_groups(settings):
    """A pathway of four steps and three enrolled groups: none done, one done, three done and one not applicable."""
    settings.TASKS = DATABASE_TASKS
    pathway = make_pathway(stages=2, steps_per_stage=2)
    steps = steps_of(pathway)
    groups = [make_group() for _ in range(3)]
    for group in groups:
        progress.enrol(group=group, pathway=pathway, by=group.coordinator)
    progress.mark_done(group=groups[1], step=steps[0], by=groups[1].coordinator)
    for step in steps[:3]:
        progress.mark_done(group=groups[2], step=step, by=groups[2].coordinator)
    progress.record_step_status(
        group=groups[2], step=steps[3], status=StepStatus.NOT_APPLICABLE, by=groups[2].coordinator
    )
    return pathway, steps, groups


def recount_of(group, pathway):
    """(done, total) counted afresh from the live steps and the group's statuses."""
    live = set(StepPage.objects.filter(pathway=pathway, live=True).values_list("pk", flat=True))
    statuses = list(StepProgress.objects.filter(group=group, step__in=live).values_list("status", flat=True))
    not_applicable = statuses.count(StepStatus.NOT_APPLICABLE)
    done = sum(status in COMPLETE_STATUSES for status in statuses)
    return done, len(live) - not_applicable


def stored(group, pathway):
    summary = PathwayProgress.objects.get(group=group, pathway=pathway)
    return summary.done, summary.total


def stored_everything(pathway):
    return (
        sorted(
            PathwayProgress.objects.filter(pathway=pathway).values_list(
                "group_id", "done", "total", "percent", "completed_at"
            )
        ),
        ActivityEntry.objects.filter(pathway=pathway).count(),
        Certificate.objects.filter(pathway=pathway).count(),
    )


def queued_recounts():
    return [task.args_kwargs["args"] for task in queued(RECOUNT)]


def draft_step(stage, title):
    """A step saved as a draft first, as an editor creates one in the admin."""
    step = StepPage(title=title, slug=title.lower().replace(" ", "-"), summary="Do a thing.", live=False)
    stage.add_child(instance=step)
    return StepPage.objects.get(pk=step.pk)


def test_publishing_a_title_change_queues_no_recount(pathway_with_groups, django_capture_on_commit_callbacks):
    pathway, steps, groups = pathway_with_groups
    before = stored_everything(pathway)
    step = StepPage.objects.get(pk=steps[1].pk)
    step.title = "A clearer title"
    with django_capture_on_commit_callbacks(execute=True):
        step.save_revision().publish()

    assert StepPage.objects.get(pk=step.pk).title == "A clearer title"
    assert queued_recounts() == []
    assert stored_everything(pathway) == before


def test_publishing_a_new_step_queues_one_recount_and_the_worker_brings_every_group_up_to_date(
    pathway_with_groups, django_capture_on_commit_callbacks
):
    pathway, steps, groups = pathway_with_groups
    stage = StagePage.objects.get(pk=steps[0].get_parent().pk)
    new_step = draft_step(stage, "A new step")
    with django_capture_on_commit_callbacks(execute=True):
        new_step.save_revision().publish()

    assert queued_recounts() == [[pathway.pk]]
    assert [stored(group, pathway) for group in groups] == [(0, 4), (1, 4), (3, 3)]  # the editor did not wait

    run_ready_tasks()

    assert [stored(group, pathway) for group in groups] == [(0, 5), (1, 5), (3, 4)]
    assert all(stored(group, pathway) == recount_of(group, pathway) for group in groups)
    assert queued_recounts() == []


def test_publishing_a_new_revision_of_a_live_step_queues_nothing(
    pathway_with_groups, django_capture_on_commit_callbacks
):
    pathway, steps, _groups = pathway_with_groups
    step = StepPage.objects.get(pk=steps[2].pk)
    step.summary = "Do the thing, then talk about it."
    with django_capture_on_commit_callbacks(execute=True):
        step.save_revision().publish()
        step.save_revision()  # a draft on top queues nothing either
    assert queued_recounts() == []


def test_unpublishing_a_step_queues_a_recount_that_completes_the_group_with_everything_else_done(
    pathway_with_groups, django_capture_on_commit_callbacks
):
    pathway, steps, groups = pathway_with_groups
    with django_capture_on_commit_callbacks(execute=True):
        StepPage.objects.get(pk=steps[2].pk).unpublish()
    assert queued_recounts() == [[pathway.pk]]

    run_ready_tasks()

    assert [stored(group, pathway) for group in groups] == [(0, 3), (1, 3), (2, 2)]
    assert all(stored(group, pathway) == recount_of(group, pathway) for group in groups)
    # Group 3 had done every step still live except the not-applicable one: complete, with a certificate.
    assert PathwayProgress.objects.get(group=groups[2], pathway=pathway).completed_at is not None
    assert Certificate.objects.filter(group=groups[2], pathway=pathway).count() == 1


def test_running_the_recount_twice_changes_nothing(pathway_with_groups, django_capture_on_commit_callbacks):
    pathway, steps, groups = pathway_with_groups
    with django_capture_on_commit_callbacks(execute=True):
        StepPage.objects.get(pk=steps[2].pk).unpublish()
    run_ready_tasks()
    after_first = stored_everything(pathway)

    assert recount_pathway.call(pathway.pk) == 3

    assert stored_everything(pathway) == after_first  # same numbers, no second completion entry or certificate


def test_deleting_a_stage_of_live_steps_queues_one_recount(pathway_with_groups, django_capture_on_commit_callbacks):
    pathway, steps, groups = pathway_with_groups
    stage = StagePage(title="Extra stage", slug="extra-stage", outcome="More.")
    pathway.add_child(instance=stage)
    with django_capture_on_commit_callbacks(execute=True):
        add_step(stage, title="Extra one")
        add_step(stage, title="Extra two")
    assert queued_recounts() == [[pathway.pk]]
    run_ready_tasks()
    assert [stored(group, pathway) for group in groups] == [(0, 6), (1, 6), (3, 5)]

    with django_capture_on_commit_callbacks(execute=True):
        StagePage.objects.get(pk=stage.pk).delete()

    assert queued_recounts() == [[pathway.pk]]  # two steps gone, one recount
    run_ready_tasks()
    assert [stored(group, pathway) for group in groups] == [(0, 4), (1, 4), (3, 3)]


def test_moving_a_live_step_to_another_pathway_recounts_both_and_a_reorder_recounts_none(
    pathway_with_groups, django_capture_on_commit_callbacks
):
    pathway, steps, groups = pathway_with_groups
    other = make_pathway(stages=1, steps_per_stage=1)
    other_group = make_group()
    progress.enrol(group=other_group, pathway=other, by=other_group.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        StepPage.objects.get(pk=steps[1].pk).move(steps[0].get_parent(), pos="first-child")
    assert queued_recounts() == []  # the same steps are live: nothing to recount

    with django_capture_on_commit_callbacks(execute=True):
        StepPage.objects.get(pk=steps[3].pk).move(other.get_children().first(), pos="last-child")

    assert sorted(queued_recounts()) == sorted([[pathway.pk], [other.pk]])
    run_ready_tasks()
    assert stored(other_group, other) == (0, 2)
    assert all(stored(group, pathway) == recount_of(group, pathway) for group in groups)


def test_the_recount_locks_one_enrolment_at_a_time_in_its_own_short_transaction(pathway_with_groups):
    pathway, _steps, groups = pathway_with_groups
    with CaptureQueriesContext(connection) as queries:
        assert recount_pathway.call(pathway.pk) == len(groups)

    sql = [query["sql"] for query in queries.captured_queries]
    # Inside the test's own transaction each short transaction is a savepoint: one per group.
    assert sum(statement.startswith("SAVEPOINT") for statement in sql) == len(groups)
    if connection.features.has_select_for_update:
        enrolment_locks = [s for s in sql if "FOR UPDATE" in s and 'FROM "learning_enrolment"' in s]
        assert len(enrolment_locks) == len(groups)
        for statement in enrolment_locks:
            # Each lock names one group; none locks every enrolment of the pathway at once.
            assert re.search(r'"learning_enrolment"\."group_id" = ', statement)


def test_the_recount_takes_each_groups_row_before_its_enrolment_as_a_press_does(pathway_with_groups):
    """A member's press locks the group's row, then the enrolment; a recount taking them the other way
    round beside it would deadlock on PostgreSQL. Each group's short transaction writes its row first."""
    pathway, _steps, groups = pathway_with_groups
    with CaptureQueriesContext(connection) as queries:
        recount_pathway.call(pathway.pk)

    sql = [query["sql"] for query in queries.captured_queries]
    starts = [index for index, statement in enumerate(sql) if statement.startswith("SAVEPOINT")]
    assert len(starts) == len(groups)
    for start, end in zip(starts, [*starts[1:], len(sql)], strict=True):
        transaction_sql = sql[start:end]
        group_row = next(i for i, s in enumerate(transaction_sql) if s.startswith('UPDATE "learning_communitygroup"'))
        enrolment = next(i for i, s in enumerate(transaction_sql) if 'FROM "learning_enrolment"' in s)
        assert group_row < enrolment


def test_a_recount_of_a_pathway_deleted_meanwhile_does_nothing():
    assert recount_pathway.call(987654) == 0
