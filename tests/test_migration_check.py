"""The CI migration check refuses plugin migrations a host site could not run or roll back."""

import importlib.util
from pathlib import Path

import pytest
from django.db import migrations

SCRIPT = Path(__file__).resolve().parent.parent / ".ci" / "check_migrations.py"
spec = importlib.util.spec_from_file_location("check_migrations", SCRIPT)
check_migrations = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_migrations)


def forwards(apps, schema_editor):
    pass


def make_migration(*operations, dependencies=(("learning", "0001_initial"),)):
    migration = migrations.Migration("0099_probe", "learning")
    migration.dependencies = list(dependencies)
    migration.operations = list(operations)
    return migration


# Loading the migration graph imports wagtail-localize's first migration, which reads the database on
# import; with the test database set up first the check no longer depends on what ran before it.
@pytest.mark.django_db
def test_the_plugin_apps_migrations_pass():
    checked, problems = check_migrations.check()
    assert checked >= 8
    assert problems == []


@pytest.mark.parametrize(
    ("operation", "source", "expected"),
    [
        (migrations.RunPython(forwards), "", "cannot be reversed"),
        (migrations.RunPython(forwards, migrations.RunPython.noop), "", "noop because"),
        (migrations.RunSQL("UPDATE x SET y = 1"), "", "no reverse_sql"),
        (
            migrations.SeparateDatabaseAndState(database_operations=[migrations.RunPython(forwards)]),
            "",
            "cannot be reversed",
        ),
    ],
)
def test_a_migration_that_cannot_be_rolled_back_is_refused(operation, source, expected):
    problems = check_migrations.problems_in(make_migration(operation), source)
    assert len(problems) == 1 and expected in problems[0]


def test_a_noop_reverse_with_its_reason_is_accepted():
    operation = migrations.RunPython(forwards, migrations.RunPython.noop)
    source = "# Reverse is a noop because nothing was written that unmigrating could take back."
    assert check_migrations.problems_in(make_migration(operation), source) == []


def test_a_dependency_on_a_project_app_is_refused():
    problems = check_migrations.problems_in(make_migration(dependencies=[("home", "0001_initial")]), "")
    assert problems == ["learning.0099_probe: depends on 'home', which a host site may not have"]


def test_the_user_model_may_come_through_swappable_dependency_only():
    dependency = [("accounts", "__first__")]
    assert check_migrations.problems_in(make_migration(dependencies=dependency), "") != []
    source = "migrations.swappable_dependency(settings.AUTH_USER_MODEL)"
    assert check_migrations.problems_in(make_migration(dependencies=dependency), source) == []
