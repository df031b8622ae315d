"""The PostgreSQL backend's health check (config/postgresql/base.py).

A kept connection that the server has ended is replaced before a request uses it, so a database restart
shows nobody an error; one that still works is used as it is, without a `SELECT 1` round trip first.
"""

import time

import pytest
from django.db import connection, connections

from config.postgresql.base import has_something_to_read

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the check is PostgreSQL's"),
]


@pytest.fixture
def kept_connection():
    """A connection of the site's own settings, outside the test's transaction, as a server keeps one."""
    wrapper = connections.create_connection("default")
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


def next_request(wrapper):
    """What Django does to a kept connection when a request starts (the request_started signal)."""
    wrapper.close_if_unusable_or_obsolete()


def backend_pid(wrapper):
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def wait_until_readable(wrapper, seconds=5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if has_something_to_read(wrapper.connection):
            return
        time.sleep(0.05)
    pytest.fail("the server's goodbye never reached the socket")


def test_the_site_uses_the_backend_with_health_checks_on():
    site_connection = connections["default"]
    assert type(site_connection).__module__ == "config.postgresql.base"
    assert site_connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert site_connection.settings_dict["CONN_MAX_AGE"] > 0


def test_a_connection_the_server_ended_is_replaced_before_the_next_request_uses_it(kept_connection):
    ended = backend_pid(kept_connection)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [ended])
        assert cursor.fetchone()[0] is True
    wait_until_readable(kept_connection)

    next_request(kept_connection)

    # Without the check this query would fail with "terminating connection due to administrator command".
    assert backend_pid(kept_connection) != ended


def test_a_working_connection_is_kept_and_the_server_is_not_asked(kept_connection, monkeypatch):
    kept = backend_pid(kept_connection)
    monkeypatch.setattr(kept_connection, "is_usable", lambda: pytest.fail("sent SELECT 1 to the server"))

    for _ in range(3):
        next_request(kept_connection)
        assert backend_pid(kept_connection) == kept


def test_after_an_error_the_full_check_still_runs(kept_connection, monkeypatch):
    """A request that hit a database error leaves the connection in a state only the server can vouch for."""
    kept = backend_pid(kept_connection)
    asked = []
    monkeypatch.setattr(kept_connection, "is_usable", lambda: asked.append(True) or True)
    kept_connection.errors_occurred = True

    next_request(kept_connection)

    assert asked == [True]
    assert backend_pid(kept_connection) == kept
