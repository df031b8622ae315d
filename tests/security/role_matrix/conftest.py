"""The role matrix's world: built once per test file and copied for each test (conftest.py one folder up
builds a fresh world for each test instead, for the security tests outside the matrix)."""

import copy
import shutil

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test.utils import override_settings

from tests.partners.conftest import build_partners_world

from ..conftest import secure
from .rows import with_partners


@pytest.fixture(scope="module")
def _secured_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The secured world, built once for each test module that imports this fixture (a few hundred tests
    each), as Django's setUpTestData does.

    Built inside a transaction that is rolled back when the module ends; each test runs in its own
    savepoint inside it (pytest-django's `db`), so what one test's POST changes the next never sees.
    """
    private = tmp_path_factory.mktemp("private")
    with (
        django_db_blocker.unblock(),
        override_settings(LEARNING_PRIVATE_MEDIA_ROOT=str(private)),
        transaction.atomic(),
    ):
        yield with_partners(secure(build_partners_world())), private
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path, _secured_once):
    """A copy of the world's evidence files for each test: files on disk are not rolled back, and a test
    that deletes evidence would otherwise take the file from the tests after it."""
    folder = shutil.copytree(_secured_once[1], tmp_path / "private")
    settings.LEARNING_PRIVATE_MEDIA_ROOT = str(folder)
    return folder


@pytest.fixture
def world(db, _secured_once):
    """A fresh copy of the world's objects for each test, so no test sees another's changes in memory,
    and empty caches, so none sees a page or a count cached from another's changes."""
    for cache in caches.all():
        cache.clear()
    return copy.deepcopy(_secured_once[0])


@pytest.fixture
def secured(world):
    return world
