"""Browser fixtures: Debian's chromium driven by Playwright against pytest-django's live server.

Where chromium is missing the browser tests are skipped with the install command, unless
REQUIRE_BROWSER=1 (CI sets it), in which case a missing browser is a failure.
"""

import io
import os
import shutil
import sqlite3

import pytest
from wagtail.signal_handlers import disable_reference_index_auto_update

from .crawler import CrawlRecord, crawl

# Playwright's sync API runs an event loop in this thread; Django must allow ORM calls from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            # The browser tests search the demo as a visitor would: saves update the search index.
            item.add_marker(pytest.mark.search_index)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        message = (
            f"chromium is not installed at {CHROMIUM}; install it with "
            "`sudo apt-get install -y chromium` to run the browser and accessibility tests"
        )
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session", autouse=True)
def _serialized_rollback_by_copy():
    """On SQLite, the migrations' data comes back before each test as a byte-for-byte copy, not by
    deserializing it again.

    Every browser test is transactional with `serialized_rollback`: Django empties the database after each
    test and, before the next, loads the migrations' data (content types, permissions, Wagtail's root page,
    the readiness framework...) from JSON, about 0.35 CPU-seconds a test. Here the first load is done that way
    and the database copied just after it (SQLite's online backup, in memory); each later test copies it back,
    the same rows with the same ids, in about a hundredth of the time. Other databases load the JSON as before.
    """
    from django.db import connection

    original = connection.creation.deserialize_db_from_string
    migrated = {}

    def deserialize_db_from_string(data):
        if connection.vendor != "sqlite":
            return original(data)
        connection.ensure_connection()
        if migrated.get("data") != data:
            original(data)
            copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(copy)
            migrated.update(data=data, database=copy)
            return None
        migrated["database"].backup(connection.connection)
        return None

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(connection.creation, "deserialize_db_from_string", deserialize_db_from_string)
        yield
    if "database" in migrated:
        migrated["database"].close()


@pytest.fixture(scope="session")
def _demo_snapshot():
    """A copy of the test database taken just after the first browser test loaded the demo (SQLite only)."""
    snapshot = {}
    yield snapshot
    if "database" in snapshot:
        snapshot["database"].close()


@pytest.fixture
def demo_accounts(django_db_serialized_rollback, live_server, settings, _demo_snapshot):
    """Load the demo content into the live server's database; return the demo accounts.

    Without updating Wagtail's reference index (the admin's "usage" counts), which no browser test
    opens; the search index is kept, since the search pages are tested here.

    On SQLite the demo is built once per run: the first test copies the database just after loading it
    (SQLite's online backup, in memory) and every later test copies it back, byte for byte, instead of
    building it again (about a tenth of a second instead of eight). Caches are emptied with it, so no
    test sees a page or a count cached from a previous test's changes. On other databases each test
    builds the demo afresh.
    """
    from django.core.cache import caches
    from django.db import connection

    from demo.management.commands.load_demo import run_loaders

    for alias in settings.CACHES:
        caches[alias].clear()
    connection.ensure_connection()
    if "database" in _demo_snapshot:
        _demo_snapshot["database"].backup(connection.connection)
        return _demo_snapshot["accounts"]
    with disable_reference_index_auto_update():
        accounts = run_loaders(password=settings.DEMO_PASSWORD, stdout=io.StringIO())
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        _demo_snapshot.update(database=copy, accounts=accounts)
    return accounts


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def sign_in(page, base_url, email, password):
    page.goto(f"{base_url}/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "/accounts/sign-in/" not in page.url, f"could not sign in as {email}"


@pytest.fixture
def narrow(browser):
    """A page 320px wide, the narrowest phone WCAG's reflow criterion (1.4.10) names."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def crawl_record():
    """The pages the run's crawls have checked (see `crawler.CrawlRecord`): each later crawl checks again only a
    few of each kind."""
    return CrawlRecord()


@pytest.fixture(scope="session")
def crawled_html(tmp_path_factory):
    """Where the crawls keep each distinct page's HTML for the Nu HTML Checker
    (test_accessibility.py's `test_every_crawled_page_is_valid_html`)."""
    return tmp_path_factory.mktemp("crawled-html")


@pytest.fixture(scope="session")
def _visitor_crawl_result():
    return {}


@pytest.fixture
def visitor_crawl(page, live_server, demo_accounts, crawl_record, crawled_html, _visitor_crawl_result):
    """(visited paths, problems by path) of the crawl from each language's home page as a visitor, signed out.

    It runs once per run, in the first test that asks: every such test starts from the same demo (see
    `demo_accounts`) and a visitor's crawl changes nothing, so a second crawl would visit the same pages and
    find the same problems (test_accessibility.py and test_resources.py both ask; crawling twice cost about a
    minute of CI). Every page it visits gets axe at 320px and at 1024px, and the width check, as a crawl without
    a record does; it fills the run's `crawl_record` and `crawled_html` for the signed-in crawls and the HTML
    check after it."""
    if not _visitor_crawl_result:
        visited, problems = crawl(
            page, live_server.url, html_dir=crawled_html, record=crawl_record, wide_every_page=True
        )
        _visitor_crawl_result.update(visited=visited, problems=problems)
    return list(_visitor_crawl_result["visited"]), dict(_visitor_crawl_result["problems"])
