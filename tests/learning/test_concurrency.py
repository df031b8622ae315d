"""Members pressing "done" and "undo" at the same moment: one record per step, nothing lost, no error.

Runs on SQLite and PostgreSQL. Each thread has its own database connection, as each request of the
site has. On PostgreSQL the progress service's row locks (select_for_update) put the presses in a
line; on SQLite, where select_for_update does nothing, the IMMEDIATE transactions of the base settings
do (the write lock is taken at BEGIN and the others wait for it). The SQLite test database is a file
(config/settings/test.py), so the threads really do wait for each other's locks.
"""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client
from django.urls import reverse

from learning.models import (
    COMPLETE_STATUSES,
    ActivityEntry,
    ActivityVerb,
    CommunityGroup,
    CompletionRule,
    PathwayPage,
    PathwayProgress,
    StepPage,
    StepProgress,
    StepStatus,
)
from learning.readiness.models import ShareGrant
from learning.readiness.services import sharing
from learning.services import groups as group_services
from learning.services import progress
from learning.tasks import recount_groups_one_by_one
from tests.readiness.conftest import build_world, closed_round, share
from tests.readiness.test_portfolio_counts import assert_counts_true, counted_kept

from .factories import assign_facilitator, make_group, make_pathway, steps_of

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The storm: three members with four tabs each, as in a group meeting, pressing on the same two steps.
STORM_TABS = 12
STORM_PRESSES_PER_TAB = 8


def run_together(count, work):
    """Run work(0) ... work(count - 1) in threads released at the same moment; return their errors."""
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
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread was still pressing after two minutes"
    return errors


def recount(group, pathway):
    """Steps done, counted afresh from the live steps' progress records."""
    live_steps = StepPage.objects.filter(pathway=pathway).live()
    return StepProgress.objects.filter(group=group, step__in=live_steps, status__in=COMPLETE_STATUSES).count()


def assert_done_once(group, step, pathway):
    """One progress record, one activity entry, and a stored summary of 1 of 4 steps done."""
    assert StepProgress.objects.filter(group=group, step=step).count() == 1
    assert ActivityEntry.objects.filter(group=group, step=step, verb="marked_done").count() == 1
    summary = PathwayProgress.objects.get(group=group, pathway=pathway)
    assert (summary.done, summary.total, summary.percent) == (1, 4, 25)


def signed_in_clients(people, count):
    """`count` browser tabs, shared out among `people` in turn."""
    clients = []
    for index in range(count):
        client = Client()
        client.force_login(people[index % len(people)])
        clients.append(client)
    return clients


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


def test_two_concurrent_mark_done_posts_through_the_step_view_leave_one_record():
    """The same race through the real view: two members' browsers post "Mark as done" at once."""
    pathway = make_pathway(stages=1, steps_per_stage=4)
    group = make_group(members=2)
    progress.enrol(group=group, pathway=pathway, by=group.coordinator)
    step = steps_of(pathway)[0]
    url = reverse("learning:step_status", args=[group.slug, step.pk])
    clients = signed_in_clients(group.people, 2)
    statuses = []

    def post(index):
        statuses.append(clients[index].post(url, {"action": "done"}).status_code)

    assert run_together(2, post) == []
    assert statuses == [302, 302]
    assert_done_once(group, step, pathway)


def test_a_done_and_undo_storm_loses_no_press_and_keeps_progress_equal_to_a_recount():
    """A group meeting: three members, four tabs each, all pressing "done" and "undo" on the same two steps.

    Every press is answered by going back to the step (never an error page), each step's activity log
    alternates done, undone, done... (two presses never both saw the old status), and the stored
    summary equals a recount.
    """
    pathway = make_pathway(stages=1, steps_per_stage=4)
    group = make_group(members=2)
    progress.enrol(group=group, pathway=pathway, by=group.coordinator)
    steps = steps_of(pathway)[:2]
    urls = [reverse("learning:step_status", args=[group.slug, step.pk]) for step in steps]
    clients = signed_in_clients([group.coordinator, *group.people], STORM_TABS)
    answers = []

    def press_for_a_while(tab):
        for press in range(STORM_PRESSES_PER_TAB):
            # Tabs disagree about both the step and the action, so every press races someone else's.
            url = urls[(tab + press) % 2]
            action = ("done", "undo")[(tab + press // 2) % 2]
            response = clients[tab].post(url, {"action": action})
            answers.append((response.status_code, response.headers.get("Location", "")))

    assert run_together(STORM_TABS, press_for_a_while) == []

    assert len(answers) == STORM_TABS * STORM_PRESSES_PER_TAB
    assert {status for status, _location in answers} == {302}
    assert all(location.endswith(f"?group={group.slug}") for _status, location in answers)
    for step in steps:
        record = StepProgress.objects.get(group=group, step=step)
        log = list(
            ActivityEntry.objects.filter(group=group, step=step)
            .exclude(verb=ActivityVerb.ENROLLED)
            .order_by("pk")
            .values_list("verb", flat=True)
        )
        assert log, f"nobody's press on {step.title} was recorded"
        expected = [(ActivityVerb.MARKED_DONE, ActivityVerb.UNDONE)[index % 2] for index in range(len(log))]
        assert log == expected, f"{step.title}: a change was applied twice or lost: {log}"
        assert record.status == (StepStatus.DONE if log[-1] == ActivityVerb.MARKED_DONE else StepStatus.NOT_STARTED)
    summary = PathwayProgress.objects.get(group=group, pathway=pathway)
    done = recount(group, pathway)
    assert (summary.done, summary.total, summary.percent) == (done, 4, round(done * 100 / 4))


def test_two_facilitators_verifying_the_same_step_at_once_leave_one_verification():
    """The caseload's verify queue (issue 16): two facilitators pressing together verify the step once."""
    pathway = make_pathway(stages=1, steps_per_stage=2, rules={1: CompletionRule.FACILITATOR})
    step = steps_of(pathway)[1]
    group = make_group(members=1)
    first, second = assign_facilitator(group), assign_facilitator(group)
    progress.enrol(group=group, pathway=pathway, by=group.coordinator)
    progress.mark_done(group=group, step=step, by=group.people[0])
    clients = []
    for person in (first, second):
        browser = Client()
        browser.force_login(person)
        clients.append(browser)
    statuses = []

    def press(index):
        statuses.append(
            clients[index].post(reverse("learning:caseload_verify"), {"step": f"{group.pk}-{step.pk}"}).status_code
        )

    assert run_together(2, press) == []
    assert statuses == [302, 302]
    assert StepProgress.objects.get(group=group, step=step).status == StepStatus.VERIFIED
    assert ActivityEntry.objects.filter(group=group, step=step, verb=ActivityVerb.VERIFIED).count() == 1


def test_groups_sharing_with_and_revoking_one_funder_at_once_leave_its_portfolio_counts_true():
    """Six coordinators press "share" with the same funder at the same moment, while two others revoke
    theirs: the funder's kept counts (chart, total, places) equal a count over the live grants."""

    world = build_world()
    sharers = []
    for index in range(6):
        group = make_group(name=f"Sharing group {index}")
        group.place = ("fife", "highland", "")[index % 3]
        group.save()
        closed_round(group, group.coordinator, {world.governance: 1 + index % 4, world.money: 2})
        sharers.append(group)
    revokers = []
    for index in range(2):
        group = make_group(name=f"Leaving group {index}")
        group.place = "orkney"
        group.save()
        revokers.append(share(world, group=group))

    def press(index):
        if index < len(sharers):
            share(world, group=sharers[index])
        else:
            grant = revokers[index - len(sharers)]
            sharing.revoke_access(grant=grant, by=grant.group.coordinator)

    assert run_together(len(sharers) + len(revokers), press) == []
    total, _counts, places = counted_kept(world.funder_a)
    assert total == 6
    assert places == ["fife", "highland"]
    assert_counts_true(world.funder_a)


def test_groups_renamed_while_they_share_leave_every_grant_with_the_groups_new_name():
    """Four coordinators rename their groups at the moment another coordinator of each shares it with a
    funder: whichever goes first, each grant (the portfolio's name order) ends with its group's new name."""
    world = build_world()
    renamed = [make_group(name=f"Old name {index}") for index in range(4)]
    for group in renamed:
        share(world, group=group, funder=world.funder_b)  # a grant the rename must follow too

    def press(index):
        group = renamed[index // 2]
        if index % 2 == 0:
            group_services.update_group_details(group=group, by=group.coordinator, name=f"New name {index // 2}")
        else:
            share(world, group=group)

    assert run_together(2 * len(renamed), press) == []
    live = ShareGrant.objects.filter(group__in=renamed, revoked_at__isnull=True)
    assert live.count() == 2 * len(renamed)
    assert sorted(live.values_list("group_name", flat=True)) == sorted(
        f"New name {index}" for index in range(len(renamed)) for _funder in range(2)
    )


def test_a_background_recount_beside_members_pressing_done_finishes_with_no_error():
    """The recount after an editor's publish takes each group's row before its enrolment, as a press does,
    so the two wait for each other and never deadlock (PostgreSQL would abort one of them)."""

    pathway = make_pathway(stages=1, steps_per_stage=4)
    groups = [make_group(members=1) for _ in range(4)]
    for group in groups:
        progress.enrol(group=group, pathway=pathway, by=group.coordinator)
    steps = [step.pk for step in steps_of(pathway)]

    def work(index):
        if index == 0:
            for _ in range(3):
                recount_groups_one_by_one(PathwayPage.objects.get(pk=pathway.pk))
            return
        for group in groups:
            for step_id in steps[index - 1 :: 3]:
                progress.mark_done(
                    group=CommunityGroup.objects.get(pk=group.pk),
                    step=StepPage.objects.get(pk=step_id),
                    by=get_user_model().objects.get(pk=group.coordinator.pk),
                )

    assert run_together(4, work) == []
    for group in groups:
        summary = PathwayProgress.objects.get(group=group, pathway=pathway)
        assert (summary.done, summary.total) == (recount(group, pathway), 4) == (4, 4)
