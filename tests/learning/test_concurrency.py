"""Two people marking the same step done at the same moment leave one record (PostgreSQL only)."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from learning.models import ActivityEntry, CommunityGroup, PathwayProgress, StepPage, StepProgress
from learning.services import progress

from .factories import make_group, make_pathway, steps_of

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_together(count, work):
    barrier = threading.Barrier(count)
    errors = []

    def runner(index):
        try:
            barrier.wait(timeout=10)
            work(index)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


def assert_done_once(group, step, pathway):
    """One progress record, one activity entry, and a stored summary of 1 of 4 steps done."""
    assert StepProgress.objects.filter(group=group, step=step).count() == 1
    assert ActivityEntry.objects.filter(group=group, step=step, verb="marked_done").count() == 1
    summary = PathwayProgress.objects.get(group=group, pathway=pathway)
    assert (summary.done, summary.total, summary.percent) == (1, 4, 25)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)")
def test_two_concurrent_mark_done_requests_leave_one_record_and_correct_progress():
    pathway = make_pathway(stages=1, steps_per_stage=4)
    group = make_group(members=2)
    progress.enrol(group=group, pathway=pathway, by=group.coordinator)
    step = steps_of(pathway)[0]
    people = [person.pk for person in group.people]

    def mark(index):
        user = get_user_model().objects.get(pk=people[index])
        progress.mark_done(
            group=CommunityGroup.objects.get(pk=group.pk), step=StepPage.objects.get(pk=step.pk), by=user
        )

    assert run_together(2, mark) == []
    assert_done_once(group, step, pathway)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)")
def test_concurrent_changes_to_different_steps_are_all_counted():
    pathway = make_pathway(stages=1, steps_per_stage=4)
    group = make_group(members=3)
    progress.enrol(group=group, pathway=pathway, by=group.coordinator)
    steps = [step.pk for step in steps_of(pathway)]
    people = [person.pk for person in group.people] + [group.coordinator.pk]

    def mark(index):
        progress.mark_done(
            group=CommunityGroup.objects.get(pk=group.pk),
            step=StepPage.objects.get(pk=steps[index]),
            by=get_user_model().objects.get(pk=people[index]),
        )

    assert run_together(4, mark) == []
    summary = PathwayProgress.objects.get(group=group, pathway=pathway)
    assert (summary.done, summary.percent) == (4, 100)
    assert summary.completed_at is not None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)")
def test_two_concurrent_mark_done_posts_through_the_step_view_leave_one_record():
    """The same race through the real view: two members' browsers post "Mark as done" at once."""
    pathway = make_pathway(stages=1, steps_per_stage=4)
    group = make_group(members=2)
    progress.enrol(group=group, pathway=pathway, by=group.coordinator)
    step = steps_of(pathway)[0]
    url = reverse("learning:step_status", args=[group.slug, step.pk])
    clients = []
    for person in group.people:
        client = Client()
        client.force_login(person)
        clients.append(client)
    statuses = []

    def post(index):
        statuses.append(clients[index].post(url, {"action": "done"}).status_code)

    assert run_together(2, post) == []
    assert statuses == [302, 302]
    assert_done_once(group, step, pathway)
