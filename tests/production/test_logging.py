"""Errors are reported (issue 13, point 7): JSON log lines in production, Sentry when SENTRY_DSN is set.

Settings are tried in a fresh interpreter, as a server starts them: Sentry patches Django process-wide
when it starts, which the rest of the suite must not inherit.
"""

import json
import logging
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from config.logging import JsonFormatter, as_json_lines, init_sentry

ROOT = Path(__file__).resolve().parents[2]
DUMMY_DSN = "https://public-key@example.invalid/1"


def record(message, *, level=logging.ERROR, name="hub.test", exc_info=None, **extra):
    return logging.getLogger(name).makeRecord(name, level, __file__, 1, message, (), exc_info, extra=extra or None)


def failure():
    try:
        raise ValueError("the mail server said no")
    except ValueError:
        return sys.exc_info()


def test_each_record_is_one_parseable_json_line_with_level_logger_message_time_and_traceback():
    line = JsonFormatter().format(record("Sending failed\nfor 3 people", exc_info=failure()))

    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "hub.test"
    assert entry["message"] == "Sending failed\nfor 3 people"
    assert datetime.fromisoformat(entry["time"]).utcoffset().total_seconds() == 0
    assert entry["exception"].startswith("Traceback (most recent call last):")
    assert entry["exception"].endswith("ValueError: the mail server said no")


def test_a_request_error_keeps_method_path_and_status_but_no_cookies_or_form_data():
    request = RequestFactory().post("/groups/riverside/evidence/new/", {"note": "private words"})
    request.COOKIES["sessionid"] = "secret-session"

    entry = json.loads(
        JsonFormatter().format(
            record("Internal Server Error", name="django.request", exc_info=failure(), status_code=500, request=request)
        )
    )

    assert entry["status_code"] == 500
    assert entry["request"] == "POST /groups/riverside/evidence/new/"
    assert "secret-session" not in json.dumps(entry) and "private words" not in json.dumps(entry)


def test_a_record_without_an_exception_has_no_exception_field():
    entry = json.loads(JsonFormatter().format(record("Group 3 closed", level=logging.INFO)))
    assert entry["level"] == "INFO" and "exception" not in entry


def test_as_json_lines_switches_every_handler_and_leaves_the_original_alone():
    plain = {
        "version": 1,
        "formatters": {"plain": {"format": "%(message)s"}},
        "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    }

    switched = as_json_lines(plain)

    assert switched["handlers"]["stdout"]["formatter"] == "json"
    assert switched["formatters"]["json"] == {"()": "config.logging.JsonFormatter"}
    assert plain["handlers"]["stdout"]["formatter"] == "plain"


def test_init_sentry_does_nothing_without_a_dsn():
    assert init_sentry(environ={}) is False
    assert init_sentry(environ={"SENTRY_DSN": "  "}) is False


def test_a_dsn_without_sentry_installed_stops_start_up_with_a_clear_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "sentry_sdk", None)  # import sentry_sdk now raises ImportError
    with pytest.raises(ImproperlyConfigured, match="requirements-sentry.txt"):
        init_sentry(environ={"SENTRY_DSN": DUMMY_DSN})


# --- settings, started in a fresh interpreter ------------------------------------------------------

PROBE = """
import json, logging, sys
import django
django.setup()
import sentry_sdk
from sentry_sdk.transport import Transport
from django.conf import settings

class Recording(Transport):
    '''Keeps each report instead of sending it, so nothing leaves this machine.'''
    def __init__(self, options=None):
        super().__init__(options)
        self.events = []
    def capture_envelope(self, envelope):
        event = envelope.get_event()
        if event is not None:
            self.events.append(event)

client = sentry_sdk.get_client()
found = {
    "active": client.is_active(),
    "formatter": settings.LOGGING["handlers"]["stdout"]["formatter"],
}
if client.is_active():
    recording = Recording(client.options)
    client.transport = recording
    # A view that fails, reached through the whole production middleware stack.
    import types
    from django.test import Client
    from django.urls import path

    def broken(request):
        raise RuntimeError("evidence upload failed")

    urls = types.ModuleType("probe_urls")
    urls.urlpatterns = [path("broken/", broken)]
    sys.modules["probe_urls"] = urls
    settings.ROOT_URLCONF = "probe_urls"
    response = Client(raise_request_exception=False).get("/broken/", secure=True, HTTP_HOST="hub.example.org")
    found["status"] = response.status_code
    # An error the Hub logs itself (as config.mail does when a mail server fails).
    try:
        raise ConnectionRefusedError("mail server down")
    except ConnectionRefusedError:
        logging.getLogger("hub.mail").error("Could not send", exc_info=True)
    sentry_sdk.flush()
    found.update(
        dsn=client.options["dsn"],
        send_default_pii=client.options["send_default_pii"],
        max_request_body_size=client.options["max_request_body_size"],
        include_local_variables=client.options["include_local_variables"],
        traces_sample_rate=client.options["traces_sample_rate"],
        django="django" in client.integrations,
        events=[
            {
                "type": event["exception"]["values"][-1]["type"],
                "logger": event.get("logger"),
                "user": event.get("user"),
                "transaction": event.get("transaction"),
            }
            for event in recording.events
        ],
    )
print("PROBE " + json.dumps(found))
logging.getLogger("hub.probe").warning("probe done")
"""


def start_settings(module, tmp_path, **environ):
    """Start Django with `module` in a new interpreter; what the probe found, and what it logged."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SENTRY_", "LOG_FORMAT"))}
    env.update(
        DJANGO_SETTINGS_MODULE=module,
        SECRET_KEY="probe-" + "x" * 60,
        ALLOWED_HOSTS="hub.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'probe.sqlite3'}",
        **environ,
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    probe = next(line for line in done.stdout.splitlines() if line.startswith("PROBE "))
    return json.loads(probe.removeprefix("PROBE ")), done.stderr


def test_production_with_a_dsn_reports_errors_to_sentry_without_personal_data(tmp_path):
    found, _logged = start_settings(
        "config.settings.production", tmp_path, SENTRY_DSN=DUMMY_DSN, SENTRY_TRACES_SAMPLE_RATE="0.2"
    )

    assert found["active"] is True and found["dsn"] == DUMMY_DSN
    assert found["django"] is True
    assert found["send_default_pii"] is False
    assert found["max_request_body_size"] == "never" and found["include_local_variables"] is False
    assert found["traces_sample_rate"] == 0.2
    assert found["status"] == 500
    failed_request, logged_error = found["events"]
    assert failed_request == {"type": "RuntimeError", "logger": None, "user": None, "transaction": "/broken/"}
    assert logged_error["type"] == "ConnectionRefusedError" and logged_error["logger"] == "hub.mail"
    assert logged_error["user"] is None


def test_production_without_a_dsn_logs_json_lines_and_starts_no_sentry(tmp_path):
    found, logged = start_settings("config.settings.production", tmp_path)

    assert found == {"active": False, "formatter": "json"}
    entry = json.loads(next(line for line in logged.splitlines() if "probe done" in line))
    assert entry["level"] == "WARNING" and entry["logger"] == "hub.probe" and entry["message"] == "probe done"


def test_development_keeps_the_plain_format(tmp_path):
    found, logged = start_settings("config.settings.dev", tmp_path)

    assert found == {"active": False, "formatter": "plain"}
    assert any(line.endswith("WARNING hub.probe probe done") for line in logged.splitlines())
