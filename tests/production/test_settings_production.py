"""Production settings as an operator meets them: required host names, proxy trust on request, no Django admin.

Each case imports config.settings.production in a fresh interpreter with only the environment the
case gives, since the settings read the environment once, at import.
"""

import importlib.util
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import clear_url_caches

ROOT = Path(__file__).resolve().parent.parent.parent
# Variables of the operator's environment these tests set themselves, one case at a time.
CONTROLLED = {
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "BEHIND_PROXY",
    "DJANGO_ADMIN_ENABLED",
    "SECURE_SSL_REDIRECT",
    "DEBUG",
}

PROBE = """
import json
import django
from django.conf import settings
django.setup()
from django.http import HttpResponse
from django.middleware.security import SecurityMiddleware
from django.test import RequestFactory
from django.urls import resolve

request = RequestFactory().get("/groups/", HTTP_X_FORWARDED_PROTO="https", HTTP_HOST=settings.ALLOWED_HOSTS[0])
answer = SecurityMiddleware(lambda request: HttpResponse("page"))(request)
print(json.dumps({
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "proxy_header": settings.SECURE_PROXY_SSL_HEADER,
    "forwarded_https_is_secure": request.is_secure(),
    "forwarded_https_answer": [answer.status_code, answer.get("Location", "")],
    "django_admin_view": resolve("/django-admin/").func.__module__,
}))
"""


def production(*args, **env_extra):
    """Run python with production settings and exactly the controlled variables given."""
    env = {key: value for key, value in os.environ.items() if key not in CONTROLLED}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY=secrets.token_urlsafe(50), **env_extra)
    return subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )


def probe(**env_extra):
    result = production("-c", PROBE, **env_extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_allowed_hosts_although_development_has_a_default():
    result = production("-c", "import django; django.setup()")
    assert result.returncode != 0
    assert "ImproperlyConfigured: ALLOWED_HOSTS is not set" in result.stderr
    assert "hub.example.org" in result.stderr  # the message shows what to set


def test_without_a_proxy_a_forwarded_https_header_is_not_believed():
    """Anyone can send X-Forwarded-Proto: the request stays plain http and is sent to https."""
    seen = probe(ALLOWED_HOSTS="hub.example.org, www.hub.example.org")
    assert seen["allowed_hosts"] == ["hub.example.org", "www.hub.example.org"]
    assert seen["proxy_header"] is None
    assert seen["forwarded_https_is_secure"] is False
    assert seen["forwarded_https_answer"] == [301, "https://hub.example.org/groups/"]


def test_behind_a_proxy_its_forwarded_https_header_is_believed():
    seen = probe(ALLOWED_HOSTS="hub.example.org", BEHIND_PROXY="1")
    assert seen["proxy_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert seen["forwarded_https_is_secure"] is True
    assert seen["forwarded_https_answer"] == [200, ""]


def test_the_django_admin_is_not_mounted_in_production_unless_the_operator_asks():
    assert probe(ALLOWED_HOSTS="hub.example.org")["django_admin_view"] == "wagtail.views"
    assert probe(ALLOWED_HOSTS="hub.example.org", DJANGO_ADMIN_ENABLED="1")["django_admin_view"].startswith(
        "django.contrib.admin"
    )


@pytest.fixture
def production_urls(settings):
    """config/urls.py as production loads it (DJANGO_ADMIN_ENABLED off), under its own module name."""
    settings.DJANGO_ADMIN_ENABLED = False
    name = "config.urls_as_in_production"
    spec = importlib.util.spec_from_file_location(name, ROOT / "config" / "urls.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    settings.ROOT_URLCONF = name
    yield module
    del sys.modules[name]
    clear_url_caches()


def test_the_django_admin_answers_404_under_the_production_url_configuration(
    client, site_shell, make_user, production_urls
):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    for path in ("/django-admin/", "/django-admin/login/", "/django-admin/accounts/user/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Django administration" not in response.content.decode(), path
    # The Wagtail admin, where staff work, is still there.
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "wagtail" in dashboard.content.decode().lower()


def test_development_and_tests_keep_the_django_admin(client, make_user):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    response = client.get("/django-admin/")
    assert response.status_code == 200
    assert "Site administration" in response.content.decode()


def test_check_deploy_passes_with_and_without_a_proxy():
    for extra in ({}, {"BEHIND_PROXY": "1"}):
        result = production(
            "manage.py", "check", "--deploy", "--fail-level", "WARNING", ALLOWED_HOSTS="example.org", **extra
        )
        assert result.returncode == 0, (extra, result.stdout + result.stderr)
        assert "no issues" in result.stdout
