"""The demo site built once for the module, as Django's setUpTestData does: inside a transaction rolled back
when the module ends, each test in its own savepoint (pytest-django's `db`). The tests here only read pages."""

import io

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from wagtail.signal_handlers import disable_reference_index_auto_update


@pytest.fixture(scope="module")
def _demo_for_module(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        # load_demo refuses to run with DEBUG off; no page here reads the reference index.
        with override_settings(DEBUG=True), disable_reference_index_auto_update():
            call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_site(db, _demo_for_module):
    for each in caches.all():
        each.clear()
