"""Who sets up the editorial groups: the plugin's migration makes only its workflow; the Hub's own migration gives the rights.

The migrations' forward functions run here against the real models, on the test database put
back to the rights Wagtail's own migrations give Editors and Moderators.
"""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupApprovalTask, GroupCollectionPermission, GroupPagePermission, Page

from resources.services.workflow import case_study_workflow

pytestmark = pytest.mark.django_db

resources_migration = importlib.import_module("resources.migrations.0002_editorial_groups_and_case_study_review")
hub_migration = importlib.import_module("home.migrations.0002_hub_editorial_groups")


def case_study_task():
    (task,) = [task.specific for task in case_study_workflow().tasks]
    return task


def rights():
    """Every group's rights, and who approves case studies, in a form to compare."""
    return {
        group.name: (
            sorted(group.permissions.values_list("codename", flat=True)),
            sorted(GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission__codename")),
            sorted(
                GroupCollectionPermission.objects.filter(group=group).values_list(
                    "collection_id", "permission__codename"
                )
            ),
        )
        for group in Group.objects.all()
    } | {"approvers": sorted(case_study_task().groups.values_list("name", flat=True))}


@pytest.fixture
def groups_as_wagtail_left_them(db):
    """Editors may add and edit pages (no lock), Moderators keep theirs, and nobody approves case studies."""
    GroupPagePermission.objects.filter(group__name="Editors").exclude(
        permission__codename__in=["add_page", "change_page"]
    ).delete()
    case_study_task().groups.clear()


def page_rights(group_name):
    return set(
        GroupPagePermission.objects.filter(group__name=group_name, page=Page.get_first_root_node()).values_list(
            "permission__codename", flat=True
        )
    )


def test_the_plugins_migration_changes_no_group(groups_as_wagtail_left_them):
    groups_before, rights_before = set(Group.objects.values_list("name", flat=True)), rights()

    resources_migration.create_case_study_workflow(apps, None)

    assert set(Group.objects.values_list("name", flat=True)) == groups_before
    assert rights() == rights_before
    assert rights()["approvers"] == []


def test_the_plugins_migration_makes_the_workflow_once(groups_as_wagtail_left_them):
    resources_migration.create_case_study_workflow(apps, None)
    resources_migration.create_case_study_workflow(apps, None)

    assert GroupApprovalTask.objects.filter(name=resources_migration.TASK_NAME).count() == 1
    assert [task.name for task in case_study_workflow().tasks] == [resources_migration.TASK_NAME]


def test_the_hubs_migration_gives_the_hubs_rights(groups_as_wagtail_left_them):
    hub_migration.set_up_editorial_groups(apps, None)

    assert page_rights("Editors") == {"add_page", "change_page", "lock_page"}
    assert page_rights("Moderators") == {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
    for name in ["Editors", "Moderators"]:
        assert Group.objects.get(name=name).permissions.filter(codename="access_admin").exists()
    assert rights()["approvers"] == ["Moderators"]


def test_the_hubs_migration_can_run_again(groups_as_wagtail_left_them):
    hub_migration.set_up_editorial_groups(apps, None)
    once = rights()

    hub_migration.set_up_editorial_groups(apps, None)

    assert rights() == once


def test_the_hubs_migration_takes_publishing_away_from_editors(groups_as_wagtail_left_them):
    GroupPagePermission.objects.create(
        group=Group.objects.get(name="Editors"),
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page"),
    )

    hub_migration.set_up_editorial_groups(apps, None)

    assert "publish_page" not in page_rights("Editors")
