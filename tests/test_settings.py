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
