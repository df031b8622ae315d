"""The visitor page cache keeps each language apart: a Gaelic visitor never gets the English page (issue 15)."""

import re

import pytest

from home.page_cache import CACHE_HEADER

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def demo(shared_demo):
    """The demo built once for this module; each test's changes roll back (tests/conftest.py)."""
    return shared_demo


def html_lang(html):
    return re.search(r"<html lang=\"([^\"]+)\"", html).group(1)


def test_a_gaelic_visitor_never_gets_the_english_page_from_the_visitor_cache(client, demo):
    assert client.get("/").status_code == 200
    second = client.get("/")
    assert second[CACHE_HEADER] == "hit"
    gaelic = client.get("/gd/", HTTP_ACCEPT_LANGUAGE="gd")
    assert gaelic.get(CACHE_HEADER) != "hit"
    html = gaelic.content.decode()
    assert html_lang(html) == "gd"
    assert "Obraichibh còmhla ri seirbheisean poblach mar cho-ionannan" in html
    again = client.get("/gd/", HTTP_ACCEPT_LANGUAGE="gd")
    assert again[CACHE_HEADER] == "hit"
    assert html_lang(again.content.decode()) == "gd"
    # And the English visitor's next view is still English.
    assert html_lang(client.get("/", HTTP_ACCEPT_LANGUAGE="gd").content.decode()) == "en-gb"
