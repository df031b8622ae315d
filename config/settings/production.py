"""Production: refuses to start without a secret key; secure by default."""

import os

from django.core.exceptions import ImproperlyConfigured

from config.logging import as_json_lines, init_sentry

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
# A live site has neither the demo content (`load_demo` makes accounts with a known password) nor
# the bench data: base settings install `demo` for development and tests, so it is taken out here;
# `benchdata` is only added by the dev, test and bench settings.
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "demo"]  # noqa: F405

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production settings refuse to start without it: "
        "set the SECRET_KEY environment variable to at least 50 random characters."
    )
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("ALLOWED_HOSTS is not set: give the site's host names, comma separated.")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views override this for themselves.

# Errors and logs (docs/deployment.md "Errors and logs"): log records go to standard output as JSON
# lines a log collector can read (LOG_FORMAT=plain keeps the one-line text format), and errors and
# a sample of slow requests go to Sentry when SENTRY_DSN is set (requirements-sentry.txt).
if os.environ.get("LOG_FORMAT", "json") != "plain":
    LOGGING = as_json_lines(LOGGING)  # noqa: F405
init_sentry()
