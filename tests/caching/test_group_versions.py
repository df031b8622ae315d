"""A group's records version moves on with every write to anything its pages show (issue 14).

The models are found by walking foreign keys, so a plugin's new model is covered without being listed;
these tests walk them the same way, independently, and prove each one moves its group's version.
"""

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.test.utils import CaptureQueriesContext

from learning import group_versions
from learning.group_versions import _on_change, bump_groups, group_paths
from learning.models import CommunityGroup, Membership, Reflection, StepProgress, StepStatus
from learning.services import groups as group_services
from learning.services import progress
from tests.learning.factories import make_group, make_pathway, make_person, steps_of

pytestmark = pytest.mark.django_db


def version_of(group):
    return CommunityGroup.objects.values_list("records_version", flat=True).get(pk=group.pk)


def models_with_a_group_key():
    """Every installed model with a foreign key straight to CommunityGroup (found here without the module)."""
    return {
        model
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is CommunityGroup
    }


def unsaved_leading_to(model, group, path):
    """An unsaved `model` whose foreign keys along `path` lead to `group` (each step's object held in memory)."""
    instance = model()
    field = model._meta.get_field(path[0])
    if len(path) == 1:
        setattr(instance, field.attname, group.pk)
    else:
        setattr(instance, field.name, unsaved_leading_to(field.related_model, group, path[1:]))
    return instance


def test_every_model_with_a_group_key_is_found_with_the_plugins_models_and_those_a_step_further():
    found = {model._meta.label for model in group_paths()}
    assert {model._meta.label for model in models_with_a_group_key()} <= found
    # A step or two away: a reflection's evidence link, a rating of a round, an action of a meeting, a
    # progress note on a commitment to an ask.
    assert {
        "learning.StepEvidence",
        "readiness.MemberRating",
        "meetings.MeetingAction",
        "partners.ProgressNote",
    } <= found
    assert "learning.CommunityGroup" not in found


def test_saving_or_deleting_any_of_them_moves_its_groups_version_and_no_other():
    group, other = make_group(), make_group()
    for model, paths in group_paths().items():
        instance = unsaved_leading_to(model, group, paths[0])
        for signal in (post_save, post_delete):
            # Connected for this model (the other receivers of the signal are left out: the instance is unsaved).
            assert _on_change in signal._live_receivers(model)[0], (model._meta.label, signal)
            before, other_before = version_of(group), version_of(other)
            with transaction.atomic():
                _on_change(sender=model, instance=instance)
            assert version_of(group) == before + 1, (model._meta.label, signal)
            assert version_of(other) == other_before


def test_real_writes_through_the_services_move_the_version():
    pathway = make_pathway(stages=1, steps_per_stage=2)
    group = make_group(members=1)
    member = group.people[0]
    progress.enrol(group=group, pathway=pathway, by=group.coordinator)
    step = steps_of(pathway)[0]

    before = version_of(group)
    progress.mark_done(group=group, step=step, by=member)
    assert StepProgress.objects.get(group=group, step=step).status == StepStatus.DONE
    after_done = version_of(group)
    assert after_done > before

    # A QuerySet.update() in a service moves it too (a role changed, a member leaving).
    membership = Membership.objects.get(group=group, user=member)
    group_services.change_role(membership=membership, role="coordinator", by=group.coordinator)
    after_role = version_of(group)
    assert after_role > after_done
    group_services.end_membership(membership=Membership.objects.get(pk=membership.pk), by=member)
    assert version_of(group) > after_role

    # Deleting a row moves it (a reflection taken back).
    reflection = Reflection.objects.create(group=group, step=step, author=group.coordinator, text="We met.")
    after_reflection = version_of(group)
    reflection.delete()
    assert version_of(group) > after_reflection


def test_bumping_more_groups_than_one_statement_takes_moves_each_once_and_no_other(monkeypatch):
    monkeypatch.setattr(group_versions, "BUMP_BATCH", 2)
    groups = [make_group() for _ in range(5)]
    left_alone = make_group()
    before = {group.pk: version_of(group) for group in [*groups, left_alone]}
    with CaptureQueriesContext(connection) as queries:
        bump_groups(*(group.pk for group in groups), None)
    assert [version_of(group) - before[group.pk] for group in groups] == [1] * 5
    assert version_of(left_alone) == before[left_alone.pk]
    assert sum(query["sql"].startswith("UPDATE") for query in queries.captured_queries) == 3


def test_a_group_saved_from_an_old_copy_never_writes_its_version_back():
    group = make_group()
    old_copy = CommunityGroup.objects.get(pk=group.pk)
    bump_groups(group.pk)
    bump_groups(group.pk)
    moved = version_of(group)
    old_copy.name = "Renamed"
    old_copy.save()
    assert version_of(group) == moved
    assert CommunityGroup.objects.get(pk=group.pk).name == "Renamed"


def test_renaming_oneself_moves_the_versions_of_ones_groups_but_signing_in_does_not():
    group, other = make_group(members=1), make_group()
    person = group.people[0]
    before, other_before = version_of(group), version_of(other)
    person.last_login = person.date_joined
    person.save(update_fields=["last_login"])
    assert version_of(group) == before
    person.first_name = "Morag"
    person.save()
    assert version_of(group) == before + 1
    assert version_of(other) == other_before


def test_a_person_deleted_moves_the_versions_of_every_group_they_were_ever_in():
    group = make_group(members=1)
    person = make_person()
    Membership.objects.create(user=person, group=group, left=group.created)
    before = version_of(group)
    person.delete()
    assert version_of(group) > before


def group_version_updates(queries):
    return [query for query in queries if query["sql"].startswith('UPDATE "learning_communitygroup"')]


def test_one_transaction_moves_a_group_once_and_again_after_a_savepoint_rolled_back():
    pathway = make_pathway(stages=1, steps_per_stage=2)
    group = make_group(members=1)
    progress.enrol(group=group, pathway=pathway, by=group.coordinator)
    first, second = steps_of(pathway)
    before = version_of(group)
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        Reflection.objects.create(group=group, step=first, author=group.coordinator, text="One")
        Reflection.objects.create(group=group, step=second, author=group.coordinator, text="Two")
    assert len(group_version_updates(queries.captured_queries)) == 1
    assert version_of(group) == before + 1

    # The move made inside a savepoint that is rolled back goes with it; the next write moves it again.
    with transaction.atomic():
        try:
            with transaction.atomic():
                Reflection.objects.create(group=group, step=first, author=group.coordinator, text="Undone")
                raise RuntimeError
        except RuntimeError:
            pass
        Reflection.objects.create(group=group, step=second, author=group.coordinator, text="Four")
    assert version_of(group) == before + 2
