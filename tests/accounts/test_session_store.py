"""The session store (accounts/sessions): Django's database sessions, read with a query built once.

Each test compares with Django's own store, which the Hub's replaces only in how it reads a session.
"""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.sessions.cached_db import SessionStore as CachedStore
from accounts.sessions.db import SessionStore

pytestmark = pytest.mark.django_db


def saved(store_class, **data):
    session = store_class()
    session.update(data)
    session.save()
    return session.session_key


def test_the_suite_runs_the_hubs_store(settings):
    assert settings.SESSION_ENGINE == "accounts.sessions.db"


def test_a_saved_session_loads_as_djangos_does_in_one_query():
    key = saved(SessionStore, person=7, language="gd", seen="2026-12-02T10:00:00+00:00")
    with CaptureQueriesContext(connection) as queries:
        loaded = dict(SessionStore(key).items())
    assert (
        loaded
        == dict(DjangoStore(key).items())
        == {
            "person": 7,
            "language": "gd",
            "seen": "2026-12-02T10:00:00+00:00",
        }
    )
    assert len(queries) == 1


def test_an_expired_session_loads_empty_and_gives_up_its_key():
    key = saved(SessionStore, person=7)
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    session = SessionStore(key)
    assert dict(session.items()) == {}
    assert session.session_key is None
    assert dict(DjangoStore(key).items()) == {}


def test_a_session_expiring_later_still_loads():
    key = saved(SessionStore, person=7)
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(seconds=5))
    assert SessionStore(key)["person"] == 7


def test_an_unknown_or_guessed_key_loads_nothing():
    saved(SessionStore, person=7)
    for key in ("x" * 32, "' OR 1=1 --aaaa", "%s%s%s%s%s"):
        session = SessionStore(key)
        assert dict(session.items()) == {}
        assert session.session_key is None


def test_each_key_loads_its_own_session():
    first, second = saved(SessionStore, person=1), saved(SessionStore, person=2)
    assert SessionStore(first)["person"] == 1
    assert SessionStore(second)["person"] == 2


def test_a_session_deleted_by_signing_out_elsewhere_is_gone_at_once():
    key = saved(SessionStore, person=7)
    SessionStore(key).delete()
    assert dict(SessionStore(key).items()) == {}


def test_the_cached_store_reads_the_database_once_then_the_cache(settings):
    settings.SESSION_CACHE_ALIAS = "default"
    caches["default"].clear()
    key = saved(SessionStore, person=7)
    with CaptureQueriesContext(connection) as queries:
        assert CachedStore(key)["person"] == 7
        assert CachedStore(key)["person"] == 7
    assert len(queries) == 1
    expired = saved(SessionStore, person=8)
    Session.objects.filter(session_key=expired).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert dict(CachedStore(expired).items()) == {}


def test_signing_in_and_out_through_the_site_uses_it(client, django_user_model):
    person = django_user_model.objects.create_user(email="quick@example.org", password="a-long-password-1")
    client.force_login(person)
    key = client.session.session_key
    assert SessionStore(key)["_auth_user_id"] == str(person.pk)
    client.post("/accounts/sign-out/")
    assert dict(SessionStore(key).items()) == {}
