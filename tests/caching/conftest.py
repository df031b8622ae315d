"""Fixtures for the caching tests: the visitor page cache switched on, empty at the start of each test, and
two groups enrolled on one pathway."""

import pytest
from django.core.cache import cache

from learning.services import progress
from tests.learning.factories import make_group, make_pathway, steps_of


@pytest.fixture
def page_cache(settings):
    settings.HUB_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def enrolled():
    """A two-step pathway that two groups (Elm Row with two members, Canal Street with one) are enrolled on:
    (pathway, group, other group, its first step)."""
    pathway = make_pathway(stages=1, steps_per_stage=2)
    group = make_group(members=2, name="Elm Row Allotments")
    other = make_group(members=1, name="Canal Street Tenants")
    for each in (group, other):
        progress.enrol(group=each, pathway=pathway, by=each.coordinator)
    return pathway, group, other, steps_of(pathway)[0]


def page_as(client, person, url):
    """The page at `url` as `person` sees it (signed in), checked to answer 200, as text."""
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()
