"""Addresses worked out once and kept (`navigation_tags.fixed_url`, `locale._translate_url`): each is kept
for everything it depends on, so a script prefix, a URLconf or a language never gets another's address."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse, set_script_prefix
from django.utils import translation

from home import locale


@pytest.fixture
def prefix():
    """Sets a script prefix for one test and puts the default back after it."""
    yield set_script_prefix
    set_script_prefix("/")


def fixed(name):
    return Template("{% load navigation_tags %}{% fixed_url name %}").render(Context({"name": name}))


def test_fixed_url_gives_what_reverse_gives_and_follows_the_script_prefix(prefix):
    assert fixed("accounts:account") == reverse("accounts:account")
    prefix("/hub/")
    assert fixed("accounts:account").startswith("/hub/")
    prefix("/")
    assert not fixed("accounts:account").startswith("/hub/")


@pytest.mark.django_db
def test_the_signed_in_header_links_to_the_account_and_signs_out(client, home_page, make_user):
    client.force_login(make_user())
    html = client.get("/").content.decode()
    assert f'href="{reverse("accounts:account")}"' in html
    assert f'href="{reverse("learning:notices")}"' in html
    assert f'action="{reverse("accounts:logout")}"' in html


def switcher_targets(path, language):
    request = RequestFactory().get(path)
    with translation.override(language):
        links = locale.switcher_links(request)
    return [parse_qs(urlsplit(link["href"]).query)["next"][0] for link in links]


def test_the_language_switcher_of_a_page_that_is_not_a_wagtail_page_keeps_each_path_and_language_apart():
    assert switcher_targets("/funders/?place=fife", "en-gb") == ["/funders/?place=fife"]
    assert switcher_targets("/funders/?place=angus", "en-gb") == ["/funders/?place=angus"]
    with translation.override("gd"):
        gaelic_search = reverse("resources:search")
    assert gaelic_search != reverse("resources:search")
    assert switcher_targets(reverse("resources:search"), "en-gb") == [gaelic_search]
    assert switcher_targets(gaelic_search, "gd") == [reverse("resources:search")]
