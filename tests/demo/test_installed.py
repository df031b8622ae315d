"""Where the demo content and the bench data are installed: development, tests and benchmarks, never production."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent.parent
PROJECT_ONLY = {"demo", "benchdata"}


def installed_apps(settings_module):
    """INSTALLED_APPS as a fresh interpreter sees them under the given settings module."""
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "ALLOWED_HOSTS"}}
    env.update(
        DJANGO_SETTINGS_MODULE=settings_module, SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="example.org"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "from django.conf import settings; print('\\n'.join(settings.INSTALLED_APPS))"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_the_test_settings_install_the_demo_and_the_bench_data():
    assert PROJECT_ONLY <= set(settings.INSTALLED_APPS)


@pytest.mark.parametrize(
    ("settings_module", "expected"),
    [
        ("config.settings.production", set()),
        ("config.settings.bench", PROJECT_ONLY),
        ("config.settings.dev", PROJECT_ONLY),
    ],
)
def test_only_development_tests_and_benchmarks_install_them(settings_module, expected):
    assert installed_apps(settings_module) & PROJECT_ONLY == expected
