"""A pathway's pages know they have no view restriction without asking (learning.models.pages,
KeptViewRestrictionsMixin, issue 14): the paths of restricted pages and of aliases are kept under the
content version, so a restriction added or removed anywhere above a step applies at once, and a step below
an alias is asked about as Wagtail asks."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from learning.models import StepPage
from tests.caching.conftest import page_as
from tests.learning.factories import make_pathway, steps_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(settings, page_cache):
    settings.LEARNING_CONTENT_CACHE_SECONDS = 600
    settings.LEARNING_GROUP_CACHE_SECONDS = 600


def restriction_queries(queries):
    return [query for query in queries.captured_queries if "wagtailcore_pageviewrestriction" in query["sql"]]


def test_a_member_opening_a_step_again_asks_no_restriction_query(client, enrolled, kept):
    _pathway, group, _other, step = enrolled
    url = f"{step.url}?group={group.slug}"
    page_as(client, group.people[0], url)
    with CaptureQueriesContext(connection) as queries:
        assert step.title in page_as(client, group.people[0], url)
    assert restriction_queries(queries) == []


def test_a_restriction_added_above_a_step_applies_at_once_and_lifts_at_once(client, enrolled, kept):
    pathway, _group, _other, step = enrolled
    assert client.get(step.url).status_code == 200
    restriction = PageViewRestriction.objects.create(page=pathway, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(step.url)
    assert response.status_code == 302
    assert "next=" in response["Location"]
    restriction.delete()
    response = client.get(step.url)
    assert response.status_code == 200
    assert step.title in response.content.decode()


def test_a_stage_restricted_to_a_password_asks_a_signed_in_member_for_it(client, enrolled, kept):
    _pathway, group, _other, step = enrolled
    url = f"{step.url}?group={group.slug}"
    page_as(client, group.people[0], url)
    PageViewRestriction.objects.create(
        page=step.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="stage-secret"
    )
    html = page_as(client, group.people[0], url)
    assert 'name="password"' in html
    assert "Do a thing." not in html


def test_a_step_below_an_alias_takes_its_source_pathways_restriction(kept):
    pathway = make_pathway(stages=1, steps_per_stage=1)
    alias = pathway.create_alias(recursive=True, update_slug=f"{pathway.slug}-again")
    alias_step = StepPage.objects.descendant_of(alias).get()
    assert list(alias_step.get_view_restrictions()) == []
    restriction = PageViewRestriction.objects.create(page=pathway, restriction_type=PageViewRestriction.LOGIN)
    assert list(alias_step.get_view_restrictions()) == [restriction]
    assert list(steps_of(pathway)[0].get_view_restrictions()) == [restriction]
