"""Production settings: refuse to start without a secret, and pass Django's deploy checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, env_extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env_extra})
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", env_extra={"ALLOWED_HOSTS": "example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_passes_the_deploy_checks():
    key = secrets.token_urlsafe(50)
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_extra={"SECRET_KEY": key, "ALLOWED_HOSTS": "example.org"}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


DEMO_SERVER_PROBE = """
from django.conf import settings
from django.urls import resolve
from django.views.static import serve
assert settings.DEBUG is False, settings.DEBUG
assert resolve("/media/images/photo.jpg").func is serve
assert settings.WHITENOISE_USE_FINDERS
print("demo server ok")
"""


def test_the_demo_server_runs_with_debug_off_and_still_serves_static_and_media():
    """`make run` (dev settings, DEBUG=0) shows the site's own error pages and still serves files."""
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        DEMO_SERVER_PROBE,
        env_extra={"DJANGO_SETTINGS_MODULE": "config.settings.dev", "DEBUG": "0"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "demo server ok" in result.stdout


PRODUCTION_MEDIA_PROBE = """
from django.urls import Resolver404, resolve
try:
    match = resolve("/media/images/photo.jpg")
except Resolver404:
    print("media not served")
else:
    print("media served by", match.func.__module__)
"""


def test_production_never_serves_media_from_the_local_folder():
    key = secrets.token_urlsafe(50)
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        PRODUCTION_MEDIA_PROBE,
        env_extra={"SECRET_KEY": key, "ALLOWED_HOSTS": "example.org"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "media not served"


DATABASE_OPTIONS_PROBE = """
from django.conf import settings
options = settings.DATABASES["default"].get("OPTIONS", {})
print(options.get("server_side_binding"), options.get("prepare_threshold"))
"""


def database_options(**env_extra):
    key = secrets.token_urlsafe(50)
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        DATABASE_OPTIONS_PROBE,
        env_extra={"SECRET_KEY": key, "ALLOWED_HOSTS": "example.org", **env_extra},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.split()


def test_on_postgresql_statements_are_prepared_unless_a_pooler_needs_them_off():
    """Planning is most of what PostgreSQL spends on the Hub's small queries, so each is prepared once it
    has run a few times on a connection; DB_PREPARED_STATEMENTS=0 turns that off for PgBouncer in
    transaction mode. SQLite has no such option."""
    postgres = "postgres://hub@db.example.org:5432/hub"
    assert database_options(DATABASE_URL=postgres) == ["True", "5"]
    assert database_options(DATABASE_URL=postgres, DB_PREPARE_THRESHOLD="2") == ["True", "2"]
    assert database_options(DATABASE_URL=postgres, DB_PREPARED_STATEMENTS="0") == ["None", "None"]
    assert database_options(DATABASE_URL="sqlite:////tmp/hub-probe.sqlite3") == ["None", "None"]
