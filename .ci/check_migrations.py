"""Migration check for the plugin apps, whose migrations run on other people's sites.

Fails when a migration of `learning`, `learning.readiness` or `resources`:
- has a RunPython with no reverse, or a RunSQL with no reverse SQL (the host could not roll back);
- reverses a data migration with `RunPython.noop` without a comment containing "noop because"
  in the migration file saying why undoing nothing is right;
- depends on an app that is not Django, Wagtail, taggit or one of the plugin apps (a host site
  does not have the Hub's project apps).

Run from the project root: `python .ci/check_migrations.py` (DJANGO_SETTINGS_MODULE defaults to the
test settings). Exits 1 and lists every problem, or prints what it checked.
"""

import inspect
import os
import sys
from pathlib import Path

PLUGIN_APPS = ("learning", "readiness", "resources")
ALLOWED_DEPENDENCIES = PLUGIN_APPS + ("contenttypes", "auth", "taggit", "__setting__")


def _allowed_dependency(app_label):
    return app_label in ALLOWED_DEPENDENCIES or app_label.startswith("wagtail")


def _operations(operations):
    from django.db import migrations

    for operation in operations:
        if isinstance(operation, migrations.SeparateDatabaseAndState):
            yield from _operations(operation.database_operations)
        else:
            yield operation


def problems_in(migration, source):
    """The problems of one migration (a Migration instance and its module's source text)."""
    from django.conf import settings
    from django.db import migrations

    found = []
    name = f"{migration.app_label}.{migration.name}"
    # The user model's app arrives through swappable_dependency(): whatever the host's user model is.
    user_app = settings.AUTH_USER_MODEL.split(".")[0]
    swappable = "swappable_dependency(settings.AUTH_USER_MODEL)" in source
    for app_label, _name in migration.dependencies:
        if not (_allowed_dependency(app_label) or (app_label == user_app and swappable)):
            found.append(f"{name}: depends on {app_label!r}, which a host site may not have")
    for operation in _operations(migration.operations):
        if isinstance(operation, migrations.RunPython):
            if operation.reverse_code is None:
                found.append(f"{name}: RunPython({operation.code.__name__}) cannot be reversed; give it a reverse")
            elif operation.reverse_code is migrations.RunPython.noop and "noop because" not in source.lower():
                found.append(
                    f"{name}: RunPython({operation.code.__name__}) reverses with noop; "
                    "say why in a comment containing 'noop because'"
                )
        elif isinstance(operation, migrations.RunSQL) and operation.reverse_sql is None:
            found.append(f"{name}: RunSQL has no reverse_sql")
    return found


def check():
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    found, checked = [], 0
    for (app_label, _migration_name), migration in sorted(loader.disk_migrations.items()):
        if app_label not in PLUGIN_APPS:
            continue
        source = inspect.getsource(sys.modules[migration.__module__])
        found.extend(problems_in(migration, source))
        checked += 1
    return checked, found


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    checked, found = check()
    for problem in found:
        sys.stdout.write(problem + "\n")
    if found:
        sys.stdout.write(f"{len(found)} problem(s) in the plugin apps' migrations\n")
        return 1
    sys.stdout.write(f"checked {checked} migrations of {', '.join(PLUGIN_APPS)}: reversible, no host dependencies\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
