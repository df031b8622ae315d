"""Build the suite's test database template for DATABASE_URL's database in HUB_TEST_DB_TEMPLATES, as the first
pytest process of a run would (tests/conftest.py, `ensure_template`), so that no xdist worker waits for it.

.ci/run builds the SQLite and the PostgreSQL templates this way at its start, side by side, one core each:
otherwise the first worker of each pytest run migrates while the other waits on the lock (about 20
CPU-seconds on SQLite, more on PostgreSQL, with a core idle). Without HUB_TEST_DB_TEMPLATES it does nothing.
"""

import os
import sys
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def main():
    django.setup()
    # import here because the suite's conftest reads models, which need django.setup() first.
    from django.db import connections
    from django.test.utils import setup_test_environment

    from tests.conftest import TEMPLATES_FOLDER, _templated_connections, ensure_template
    from tests.indexes import INDEX_TASKS, NotQueued

    # As pytest builds it: in Django's test environment, with the index-updating tasks off (tests/conftest.py,
    # `_indexes_off_by_default`), so the template is the same database whichever builds it.
    setup_test_environment()
    for module, name in INDEX_TASKS.values():
        setattr(module, name, NotQueued)
    for connection in _templated_connections():
        ensure_template(connection, TEMPLATES_FOLDER)
        sys.stdout.write(f"test database template ready ({connection.vendor}) in {TEMPLATES_FOLDER}\n")
    connections.close_all()


if __name__ == "__main__":
    main()
