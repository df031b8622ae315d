"""Data built once for a test module, as Django's setUpTestData does, and a fresh copy of it for each test.

    @pytest.fixture(scope="module")
    def _built(django_db_setup, django_db_blocker, tmp_path_factory):
        with built_once(django_db_blocker, tmp_path_factory):
            yield build_world()

    @pytest.fixture
    def world(db, _built):
        return fresh_copy(_built)

The data is built inside a transaction rolled back when the module ends; each test runs in its own
savepoint inside it (pytest-django's `db`), so what one test's POST changes the next never sees. Evidence
files go to a folder of the module's own.
"""

import copy
from contextlib import contextmanager

from django.core.cache import caches
from django.db import transaction
from django.test import override_settings


@contextmanager
def built_once(django_db_blocker, tmp_path_factory):
    private = tmp_path_factory.mktemp("private")
    with (
        django_db_blocker.unblock(),
        override_settings(LEARNING_PRIVATE_MEDIA_ROOT=str(private)),
        transaction.atomic(),
    ):
        yield private
        transaction.set_rollback(True)


def fresh_copy(built):
    """A copy of the module's objects for one test, with every cache emptied, so that no test sees another's
    changes in memory, nor a page or a count cached from them."""
    for cache in caches.all():
        cache.clear()
    return copy.deepcopy(built)
