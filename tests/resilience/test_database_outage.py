"""A database outage gives a friendly 503 everywhere: the health check and every page, never a traceback."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.test import override_settings
from django.utils.functional import SimpleLazyObject

from learning.middleware import PrivateResponseMiddleware

ROOT = Path(__file__).resolve().parent.parent.parent


@contextmanager
def database_down(error=OperationalError):
    """Every new query fails as it would with the database server gone."""
    with mock.patch.object(
        type(connections["default"]), "ensure_connection", side_effect=error("server closed the connection")
    ):
        yield


def assert_friendly_503(response):
    assert response.status_code == 503
    html = response.content.decode()
    assert "The Hub is having a short break" in html
    assert "nothing you saved has been lost" in html
    assert "Traceback" not in html and "OperationalError" not in html
    assert response["Retry-After"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_says_503_when_the_database_is_down(client):
    with database_down():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/about/", "/accounts/sign-in/", "/does-not-exist/"])
def test_pages_show_the_friendly_503_when_the_database_is_down(client, site_shell, url):
    with database_down():
        response = client.get(url)
    assert_friendly_503(response)


@pytest.mark.django_db
def test_a_lost_connection_mid_request_is_a_503_too(client, site_shell):
    with database_down(InterfaceError):
        response = client.get("/about/")
    assert_friendly_503(response)


@pytest.mark.django_db
def test_a_signed_in_post_during_an_outage_is_a_503(client, site_shell, make_user):
    client.force_login(make_user())
    with database_down():
        response = client.post("/accounts/", {"display_name": "Sam"})
    assert_friendly_503(response)


class FailingMiddleware:
    """Stands in for any middleware that reads the database after the view has run."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self.get_response(request)
        raise OperationalError("connection refused")


@pytest.mark.django_db
def test_a_database_error_inside_other_middleware_is_a_503(client, settings, site_shell):
    middleware = list(settings.MIDDLEWARE) + [f"{__name__}.FailingMiddleware"]
    client.raise_request_exception = False  # as in production: Django turns the error into a response
    with override_settings(MIDDLEWARE=middleware):
        response = client.get("/about/")
    assert_friendly_503(response)


@pytest.mark.django_db
def test_other_errors_still_get_the_ordinary_500(client, settings, site_shell):
    client.raise_request_exception = False
    with mock.patch("home.views.connection.cursor", side_effect=ValueError("a bug")):
        response = client.get("/healthz")
    assert response.status_code == 500


def test_the_503_page_renders_without_touching_the_database():
    from home.middleware import database_unavailable_response

    with database_down():
        response = database_unavailable_response()
    assert_friendly_503(response)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_a_real_server_with_no_database_answers_503():
    """gunicorn with production settings and a PostgreSQL address nobody listens on."""
    port, dead_port = _free_port(), _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.bench",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",  # production settings (which bench extends) require it
        DATABASE_URL=f"postgres://nobody@127.0.0.1:{dead_port}/nowhere",
        DB_CONN_MAX_AGE="0",
        LOG_LEVEL="CRITICAL",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, body = _get(f"http://127.0.0.1:{port}/healthz")
                break
            except (ConnectionError, urllib.error.URLError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        assert status == 503
        assert "unavailable" in body
        status, body = _get(f"http://127.0.0.1:{port}/about/")
        assert status == 503
        assert "The Hub is having a short break" in body
        assert "Traceback" not in body
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_response_whose_session_cannot_be_read_is_still_marked_private(rf):
    """The private-response middleware never raises when the session store is down."""

    def unreadable_user():
        raise OperationalError("server closed the connection")

    request = rf.get("/")
    request.user = SimpleLazyObject(unreadable_user)
    response = PrivateResponseMiddleware(lambda request: HttpResponse("outage page"))(request)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
