"""The apps' URL sections at the root skip addresses that cannot be theirs, and change no answer (issue 14)."""

import pytest
from django.http import HttpResponse
from django.urls import URLResolver, get_resolver, include, path, re_path, resolve
from django.urls.exceptions import Resolver404
from django.utils import translation

from config.url_sections import RootSection, at_root


def view(request, **kwargs):
    return HttpResponse("")


def sections():
    return [entry for entry in get_resolver().url_patterns if isinstance(entry, RootSection)]


def nested_sections(patterns):
    for entry in patterns:
        if isinstance(entry, RootSection):
            yield entry
        if isinstance(entry, URLResolver):
            yield from nested_sections(entry.url_patterns)


def test_every_apps_section_at_the_root_knows_its_first_segments():
    found = list(nested_sections(get_resolver().url_patterns))
    # learning, readiness, meetings, partners, and resources under the language prefix.
    assert len(found) == 5
    assert all(section.first_segments for section in found), "a section tries every address: see url_sections.py"
    assert {"groups", "funders", "partners", "steps", "search", "stories"} <= set().union(
        *(section.first_segments for section in found)
    )


@pytest.mark.parametrize(
    ("address", "url_name"),
    [
        ("/groups/a-group/", "group_dashboard"),
        ("/funders/", "portfolio"),
        ("/search/", "search"),
        ("/", "wagtail_serve"),
        ("/pathways/ready-to-co-produce/1-coming-together/why-are-we-here/", "wagtail_serve"),
        ("/groups-of-people/", "wagtail_serve"),
    ],
)
def test_addresses_reach_the_same_views(address, url_name):
    assert resolve(address).url_name == url_name


def test_the_language_prefix_comes_before_a_section():
    with translation.override("gd"):
        assert resolve("/gd/search/").url_name == "search"
        assert resolve("/gd/guides/").url_name == "wagtail_serve"


def test_a_page_address_is_not_tried_against_the_apps_patterns(monkeypatch):
    tried = []
    for section in sections():
        for entry in section.url_patterns:
            original = entry.resolve
            monkeypatch.setattr(entry, "resolve", lambda path, original=original: tried.append(path) or original(path))
    assert resolve("/guides/what-co-production-is-and-is-not/").url_name == "wagtail_serve"
    assert tried == []
    assert resolve("/groups/a-group/").url_name == "group_dashboard"
    assert tried


urlpatterns_with_a_regex = [re_path(r"^(?P<year>[0-9]{4})/$", view, name="year")]
urlpatterns_with_a_converter_first = [path("<slug:slug>/", view, name="by_slug")]
urlpatterns_nested = [
    path("", include([path("alpha/", view, name="alpha"), path("", include([path("beta", view, name="beta")]))]))
]


@pytest.mark.parametrize(
    ("patterns", "first_segments"),
    [
        (urlpatterns_with_a_regex, None),
        (urlpatterns_with_a_converter_first, None),
        (urlpatterns_nested, frozenset({"alpha", "beta"})),
    ],
)
def test_what_a_section_can_tell_of_its_first_segments(patterns, first_segments):
    assert at_root(include(patterns)).first_segments == first_segments


def test_a_section_that_cannot_tell_tries_every_address_as_django_does():
    assert at_root(include(urlpatterns_with_a_regex)).resolve("2026/").kwargs == {"year": "2026"}
    assert at_root(include(urlpatterns_with_a_converter_first)).resolve("anything/").kwargs == {"slug": "anything"}


def test_a_section_that_can_tell_still_matches_its_own_and_refuses_the_rest():
    section = at_root(include(urlpatterns_nested))
    assert section.resolve("alpha/").url_name == "alpha"
    assert section.resolve("beta").url_name == "beta"
    with pytest.raises(Resolver404):
        section.resolve("gamma/")
    with pytest.raises(Resolver404):
        section.resolve("alphabet/")
