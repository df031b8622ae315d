"""What a request asks once (resources.content_version.once_per_request) is never another request's answer."""

from contextlib import contextmanager

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import translation
from wagtail.models import Locale

from learning.models.pages import active_locale, default_locale
from resources.content_version import once_per_request


@contextmanager
def _a_request():
    """The signals a request sends, without closing the test's database connection (as Django's test client)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.send(sender=None)
    try:
        yield
    finally:
        request_finished.send(sender=None)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


class _Counter:
    def __init__(self):
        self.asked = 0

    def __call__(self):
        self.asked += 1
        return self.asked


def test_asked_once_in_a_request_and_afresh_in_the_next():
    load = _Counter()
    with _a_request():
        assert [once_per_request("answer", load), once_per_request("answer", load)] == [1, 1]
    with _a_request():
        assert once_per_request("answer", load) == 2


def test_asked_every_time_outside_a_request():
    load = _Counter()
    assert [once_per_request("answer", load), once_per_request("answer", load)] == [1, 2]


@pytest.mark.django_db
def test_the_default_and_active_locales_share_one_query_in_an_english_request(django_assert_num_queries):
    with _a_request():
        with translation.override("en-gb"), django_assert_num_queries(1):
            default, active = default_locale(), active_locale()
        assert default == active == Locale.get_default()


@pytest.mark.django_db
def test_the_active_locale_follows_the_language_within_a_request():
    gaelic = Locale.objects.get_or_create(language_code="gd")[0]
    with _a_request():
        with translation.override("en-gb"):
            english = active_locale()
        with translation.override("gd"):
            assert active_locale() == gaelic != english
        assert default_locale() == english
