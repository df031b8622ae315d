"""Fixtures shared by the whole suite."""

import fcntl
import io
import os
import shutil
import warnings
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management import call_command
from django.db import connections, transaction
from django.test import override_settings
from django.utils import timezone, translation
from wagtail.models import Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from demo.home import load as load_home_pages
from resources.content_version import forget_what_the_process_keeps

from .indexes import INDEX_TASKS, REAL_INDEX_TASKS, NotQueued

# Where HUB_TEST_DB_TEMPLATES names a folder (.ci/run sets one for its whole run), every pytest process and
# xdist worker copies a test database built once for the run, instead of running every migration again
# (about 20 CPU-seconds a build; CI built seven). The copy is the migrated database byte for byte (SQLite)
# or by CREATE DATABASE ... TEMPLATE (PostgreSQL); Django then runs `migrate` on it, which finds nothing to
# do, and serializes it as before. Other databases, and runs without the folder, build as they always did.
TEMPLATES_FOLDER = os.environ.get("HUB_TEST_DB_TEMPLATES", "")
TEMPLATE_VENDORS = {"sqlite", "postgresql"}


@contextmanager
def _templates_lock(folder):
    with open(Path(folder) / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _template_name(connection, folder):
    if connection.vendor == "sqlite":
        return str(Path(folder) / f"{connection.alias}.sqlite3")
    return f"test_{connection.settings_dict['NAME']}_template"


def _build_template(connection, name):
    """Migrate a database called `name` as Django makes a test database, then point the connection back."""
    saved_name, saved_test_name = connection.settings_dict["NAME"], connection.settings_dict["TEST"].get("NAME")
    connection.settings_dict["TEST"]["NAME"] = name
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=False)
    finally:
        connection.close()
        connection.settings_dict["NAME"] = django_settings.DATABASES[connection.alias]["NAME"] = saved_name
        connection.settings_dict["TEST"]["NAME"] = saved_test_name


def _copy_database(connection, template, target):
    if connection.vendor == "sqlite":
        for leftover in (target, f"{target}-wal", f"{target}-shm"):
            Path(leftover).unlink(missing_ok=True)
        shutil.copyfile(template, target)
        return
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)}")
        cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(template)}")


def ensure_template(connection, folder, copy_to=None):
    """Build the run's template for this connection's test database unless a process already has
    (.ci/build_test_db_templates.py builds them before the suites start, so no worker waits for one);
    then, still holding the lock (PostgreSQL copies a template only while nothing else uses it), copy it to
    the database named `copy_to`, if given."""
    template = _template_name(connection, folder)
    ready = Path(folder) / f"{connection.vendor}-{Path(template).name}.ready"
    with _templates_lock(folder):
        if not ready.exists():
            _build_template(connection, template)
            ready.touch()
        if copy_to:
            _copy_database(connection, template, copy_to)


def _templated_connections():
    if not TEMPLATES_FOLDER:
        return []
    return [connections[alias] for alias in connections if connections[alias].vendor in TEMPLATE_VENDORS]


@pytest.fixture(scope="session")
def django_db_keepdb(request):
    """Keep the copied test database rather than build another over it (see TEMPLATES_FOLDER); the copies
    are removed by `django_db_modify_db_settings` when the run ends."""
    return bool(request.config.getvalue("reuse_db") or _templated_connections())


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, django_db_blocker):
    """After pytest-django names this process's test databases: copy each from the run's template (built
    here first if no process has built it yet); when the run ends, remove the copies."""
    copies = []
    with django_db_blocker.unblock():
        for connection in _templated_connections():
            ensure_template(connection, TEMPLATES_FOLDER, copy_to=connection.creation._get_test_db_name())
            copies.append((connection, connection.settings_dict["NAME"]))
    yield
    if not copies:
        return
    with django_db_blocker.unblock():
        for connection, original_name in copies:
            try:
                connection.creation.destroy_test_db(original_name, verbosity=0, keepdb=False)
            except Exception as error:  # as pytest-django does when it removes a test database: warn, never fail
                warnings.warn(f"Could not remove the test database copy: {error!r}", stacklevel=1)


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


@pytest.fixture(autouse=True)
def _nothing_kept_from_another_test():
    """Each test's changes roll back, so the content version (the newest log entry's id) comes round
    again naming other content: what the process kept under it in one test must not reach the next."""
    forget_what_the_process_keeps()
    yield
    forget_what_the_process_keeps()


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
