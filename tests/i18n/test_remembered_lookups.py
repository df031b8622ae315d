"""Each language's translations remember what a message came to (home.locale.remember_lookups).

A remembered answer must be the one Django would give, in the language of the request, never one
remembered for another language, and whatever the language of the request before.
"""

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import trans_real

from home.locale import HubLocaleMiddleware, remember_lookups

pytestmark = pytest.mark.django_db


def _serve(path, language=None):
    request = RequestFactory().get(path, HTTP_ACCEPT_LANGUAGE=language or "")
    HubLocaleMiddleware(lambda request: None).process_request(request)
    return request


def test_each_language_answers_in_its_own_words_request_after_request():
    answers = []
    try:
        for path in ("/gd/", "/", "/gd/", "/"):
            _serve(path)
            answers.append((translation.get_language(), translation.gettext("Sign in")))
    finally:
        translation.activate("en-gb")
    assert answers == [
        ("gd", "Clàraich a-steach"),
        ("en-gb", "Sign in"),
        ("gd", "Clàraich a-steach"),
        ("en-gb", "Sign in"),
    ]


def test_a_remembered_answer_is_the_one_django_gives():
    with translation.override("gd"):
        fresh = trans_real.DjangoTranslation("gd")
        expected = [fresh.gettext(text) for text in ("Sign in", "Create an account", "Not in any catalogue")]
        remember_lookups(fresh)
        first = [fresh.gettext(text) for text in ("Sign in", "Create an account", "Not in any catalogue")]
        again = [fresh.gettext(text) for text in ("Sign in", "Create an account", "Not in any catalogue")]
    assert first == again == expected
    assert expected[0] == "Clàraich a-steach" and expected[2] == "Not in any catalogue"


def test_the_request_leaves_the_active_language_remembering():
    _serve("/gd/")
    try:
        assert "gettext" in trans_real.translation("gd").__dict__
        remember_lookups(trans_real.translation("gd"))  # a second call keeps the one memory
        assert trans_real.translation("gd").gettext.cache_info().maxsize == 8192
    finally:
        translation.activate("en-gb")
