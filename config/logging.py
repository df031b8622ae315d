"""How a live Hub reports what goes wrong: errors to Sentry when SENTRY_DSN is set, log records as JSON lines.

Production settings call both; development keeps the plain one-line format people read in a terminal.
"""

import copy
import json
import logging
import os
from datetime import UTC, datetime

from django.core.exceptions import ImproperlyConfigured

# Errors always reach Sentry; of the requests and tasks that go well, only this share is timed,
# which is enough to find slow pages on a small site without sending a report per request.
DEFAULT_TRACES_SAMPLE_RATE = 0.05


class JsonFormatter(logging.Formatter):
    """One JSON object per line, so a log collector reads level, logger and traceback without parsing text.

    A traceback or a message over several lines stays inside its one line (JSON escapes the newlines),
    so one error never reads as many records.
    """

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        # Django's request and server loggers pass the status; the request itself holds people's data
        # (cookies, form fields), so only its method and path are kept.
        status_code = getattr(record, "status_code", None)
        if status_code is not None:
            entry["status_code"] = status_code
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["request"] = f"{getattr(request, 'method', '')} {request.path}".strip()
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def as_json_lines(logging_config):
    """A copy of a LOGGING dict whose handlers write JSON lines instead of the plain format."""
    config = copy.deepcopy(logging_config)
    config.setdefault("formatters", {})["json"] = {"()": "config.logging.JsonFormatter"}
    for handler in config.get("handlers", {}).values():
        handler["formatter"] = "json"
    return config


def init_sentry(*, environ=os.environ, transport=None):
    """Start reporting errors and slow transactions to Sentry when SENTRY_DSN is set; True if it did.

    People's data stays out of the reports: send_default_pii off (no IP addresses, cookies or user
    details), no request bodies (a reflection or a form someone typed) and no local variables (a
    queued email's addresses and text sit in config.mail's). A DSN without sentry-sdk installed
    stops start-up rather than losing every report quietly. `transport` is for tests, which record
    reports instead of sending them.
    """
    dsn = environ.get("SENTRY_DSN", "").strip()
    if not dsn:
        return False
    try:
        import sentry_sdk
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError as error:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: pip install -r requirements-sentry.txt"
        ) from error
    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=float(environ.get("SENTRY_TRACES_SAMPLE_RATE", DEFAULT_TRACES_SAMPLE_RATE)),
        environment=environ.get("SENTRY_ENVIRONMENT", "production"),
        release=environ.get("SENTRY_RELEASE") or None,
        transport=transport,
    )
    return True
