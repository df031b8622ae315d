"""Local development: debug on, throwaway secret key, console email."""

from .base import *  # noqa: F403
from .base import env_bool

# Project-only: `generate_bench_data`, to try the bench volume locally (never in production).
INSTALLED_APPS = [*INSTALLED_APPS, "benchdata"]  # noqa: F405

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production-0123456789"  # noqa: F405, S105
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

# `make run` serves the demo with DEBUG off by default, so visitors see the site's own error pages:
# whitenoise serves static files straight from the apps' folders and the local media folder is
# served by Django (config/urls.py). `make run DEBUG=1` gives Django's debug pages instead.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True
