"""Fixtures shared by the whole suite."""

import io

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation
from wagtail.models import Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from demo.home import load as load_home_pages

from .indexes import INDEX_TASKS, REAL_INDEX_TASKS, NotQueued


@pytest.fixture(scope="session", autouse=True)
def _indexes_off_by_default():
    with pytest.MonkeyPatch.context() as patch:
        for module, name in INDEX_TASKS.values():
            patch.setattr(module, name, NotQueued)
        yield


@pytest.fixture(autouse=True)
def _indexes_on_where_read(request, monkeypatch):
    for marker, (module, name) in INDEX_TASKS.items():
        if request.node.get_closest_marker(marker):
            monkeypatch.setattr(module, name, REAL_INDEX_TASKS[marker])


@pytest.fixture(autouse=True)
def _site_language_after_each_test():
    """A request in Gaelic leaves Gaelic active in the thread (LocaleMiddleware activates, nothing
    deactivates): each test starts and ends in the site's language, whatever the one before asked for."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


def _load_demo():
    """Build the demo by the same command a newcomer runs, without updating the search index and
    Wagtail's reference index, which no test using these fixtures reads and which take about a third of
    the build; tests/demo/test_load_demo.py and the browser suite build the demo with both, as
    `make run` does."""
    backends = django_settings.WAGTAILSEARCH_BACKENDS
    quiet_search = {name: {**conf, "AUTO_UPDATE": False} for name, conf in backends.items()}
    with override_settings(DEBUG=True, WAGTAILSEARCH_BACKENDS=quiet_search), disable_reference_index_auto_update():
        call_command("load_demo", stdout=io.StringIO())
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def demo(db):
    """The demo site, built afresh for the test."""
    return _load_demo()


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker):
    """The demo built once for a module, as Django's setUpTestData does: inside a transaction rolled
    back when the module ends, each test running in its own savepoint inside it (pytest-django's `db`),
    so what one test publishes or saves the next never sees."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _load_demo().pk
        transaction.set_rollback(True)


@pytest.fixture
def shared_demo(db, _demo_once):
    """The module's demo (see `_demo_once`), with every cache emptied so that no test sees a page or a
    count cached from another's changes. A module opts in by overriding `demo` with a fixture that returns
    `shared_demo` (see tests/caching/test_page_cache.py)."""
    for each in caches.all():
        each.clear()
    return Site.objects.get(pk=_demo_once)


@pytest.fixture
def site_shell(db, settings):
    """The Hub's home and standard pages alone (the demo's first loader), for tests of pages that show
    no demo content, such as signing in and up: about a tenth of the time of the whole demo."""
    with disable_reference_index_auto_update():
        load_home_pages(password=settings.DEMO_PASSWORD, stdout=io.StringIO())
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(demo):
    return demo.root_page.specific


@pytest.fixture
def make_user(db):
    counter = {"n": 0}

    def make(email=None, display_name="", password="a-long-test-password", **extra):
        counter["n"] += 1
        email = email or f"person{counter['n']}@example.org"
        # Most people have confirmed their address; pass email_confirmed_at=None for one who has not.
        extra.setdefault("email_confirmed_at", timezone.now())
        return get_user_model().objects.create_user(
            email=email, password=password, display_name=display_name or f"Person {counter['n']}", **extra
        )

    return make


def _commits_for_real(item):
    marker = item.get_closest_marker("django_db")
    transactional = bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
    return transactional or {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))


PARALLEL_REFUSAL = (
    "This test commits for real and empties the database when it ends, so it cannot run inside the "
    "parallel (pytest-xdist) run: add it to TRANSACTIONAL_TESTS in the Makefile."
)


@pytest.fixture
def _refuse_in_parallel_run():
    pytest.fail(PARALLEL_REFUSAL, pytrace=False)


def pytest_collection_modifyitems(config, items):
    """Fail, before their database is touched, tests that commit for real inside a parallel run.

    Such a test empties the database when it ends; a worker's later ordinary tests would then find no
    Wagtail root page. `make test` runs them in their own process (TRANSACTIONAL_TESTS).
    """
    if not hasattr(config, "workerinput"):
        return
    for item in items:
        if _commits_for_real(item):
            item.fixturenames.insert(0, "_refuse_in_parallel_run")
