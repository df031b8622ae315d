"""Production: refuses to start without a secret key and host names; secure by default."""

import os

from django.core.exceptions import ImproperlyConfigured

from config.logging import as_json_lines, init_sentry

from .base import *  # noqa: F403
from .base import env_bool, env_list

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
# Read here, not taken from base settings, whose localhost default suits development but would let a
# live site start without knowing its own name.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. Production settings refuse to start without it: set the ALLOWED_HOSTS "
        "environment variable to the site's host names, comma separated (for example hub.example.org)."
    )

# The Django admin (/django-admin/) is off: everything an operator needs is in the Wagtail admin or a
# management command, and one admin fewer is one sign-in page fewer to attack. DJANGO_ADMIN_ENABLED=1
# mounts it (config/urls.py), still for staff only and behind the second factor like /admin/.
DJANGO_ADMIN_ENABLED = env_bool("DJANGO_ADMIN_ENABLED", False)

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Trust X-Forwarded-Proto only when the operator says a proxy sets it (BEHIND_PROXY=1), with gunicorn
# bound to 127.0.0.1 behind that proxy. Without a proxy anyone could send the header and pass a plain
# http request off as https.
if env_bool("BEHIND_PROXY", False):
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
