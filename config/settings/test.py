"""Settings for the pytest suite: fast, isolated, deterministic."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

# Project-only: `generate_bench_data` and its builder, for the two-size query budgets.
INSTALLED_APPS = [*INSTALLED_APPS, "benchdata"]  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A test database in a file, as the site's is, not Django's default shared in-memory one: the
    # threads of tests/learning/test_concurrency.py each open their own connection and must queue for
    # the write lock as the site's requests do (in-memory shared-cache tables answer "table is locked"
    # at once, busy timeout or not). pytest-xdist gives each worker its own file (name + "_gw0"...).
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="hub-test-db-")) / "test.sqlite3"),
    }

DEBUG = False
SECRET_KEY = "test-only-insecure-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
STORAGES["default"] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}  # noqa: F405
# Evidence on local disk even if the shell that runs the suite names a bucket; the S3 tests
# (tests/production/test_private_storage_s3.py) point it at their own local S3 server.
LEARNING_PRIVATE_STORAGE = None
MEDIA_ROOT = tempfile.mkdtemp(prefix="hub-test-media-")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off for the suite, so no test sees a page another test cached; tests/caching switches it on.
HUB_PAGE_CACHE_SECONDS = 0
READINESS_FRAMEWORK_CACHE_SECONDS = 0
LEARNING_CONTENT_CACHE_SECONDS = 0
LEARNING_GROUP_CACHE_SECONDS = 0
SESSION_ENGINE = "accounts.sessions.db"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Throttling and rate limits are exercised by their own tests (tests/accounts/test_throttling.py),
# which switch them back on; the rest of the suite signs in and up from one address many times.
AXES_ENABLED = False
RATELIMIT_ENABLE = False
# The suite signs staff, funder reviewers and facilitators in with force_login hundreds of times;
# asking each for a code would test the code page, not theirs. tests/accounts/test_two_factor.py and
# the role matrix switch it back on and prove every privileged page waits for a second factor.
ACCOUNTS_TWO_FACTOR_REQUIRED = False
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False}
