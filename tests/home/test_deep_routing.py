"""Deep pages routed in one query (home/routing.py) keep Wagtail's routing semantics (issue 14)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from home.routing import page_addresses, route_deep
from learning.models import StepPage

pytestmark = pytest.mark.django_db

STEP_PATH = "/pathways/ready-to-co-produce/1-coming-together/why-are-we-here/"
GAELIC_STEP = "/gd/slighean/deiseil-airson-co-riochdachadh/1-a-tighinn-comhla/carson-a-tha-sinn-an-seo/"


@pytest.fixture
def demo(shared_demo):
    """The demo built once for this module; each test's changes roll back (tests/conftest.py)."""
    return shared_demo


def the_step():
    return StepPage.objects.get(url_path__endswith=STEP_PATH, locale__language_code="en-gb")


def test_a_step_five_levels_down_is_found_with_one_query_for_the_page(rf, demo):
    step = the_step()
    home = step.get_ancestors().get(depth=2).specific
    request = rf.get(STEP_PATH)
    page_addresses(request)  # the map of addresses, read once per content version
    with CaptureQueriesContext(connection) as queries:
        page, _args, _kwargs = route_deep(home, request, [part for part in STEP_PATH.split("/") if part])
    assert page.pk == step.pk and isinstance(page, StepPage)
    assert len(queries) == 1
    # Loaded whole (its query built once per process and read raw): every field there, none left to load.
    assert page.get_deferred_fields() == set()
    assert (page.title, page.url_path, page.pathway_id, page.live) == (step.title, step.url_path, step.pathway_id, True)


def test_the_step_and_its_gaelic_translation_are_served(client, demo):
    english = client.get(STEP_PATH)
    assert english.status_code == 200
    assert the_step().title in english.content.decode()
    gaelic = client.get(GAELIC_STEP)
    assert gaelic.status_code == 200
    assert '<html lang="gd"' in gaelic.content.decode()


def test_an_unpublished_step_is_not_found(client, demo):
    step = the_step()
    step.unpublish()
    assert client.get(STEP_PATH).status_code == 404


def test_a_draft_step_never_published_is_not_found(client, demo):
    stage = the_step().get_parent()
    draft = StepPage(title="Not ready yet", slug="not-ready-yet", summary="Draft.", live=False)
    stage.add_child(instance=draft)
    assert client.get(f"{stage.url}not-ready-yet/").status_code == 404


def test_a_step_renamed_without_a_log_entry_answers_at_its_new_address_only(client, demo):
    step = the_step()
    assert client.get(STEP_PATH).status_code == 200  # the map of addresses now holds the old one
    renamed = STEP_PATH.replace("why-are-we-here", "why-we-are-here")
    Page.objects.filter(pk=step.pk).update(
        slug="why-we-are-here", url_path=step.url_path.replace("why-are-we-here", "why-we-are-here")
    )
    assert client.get(STEP_PATH).status_code == 404
    assert client.get(renamed).status_code == 200


def test_a_step_behind_a_sign_in_restriction_sends_a_visitor_to_sign_in(client, demo):
    step = the_step()
    PageViewRestriction.objects.create(page=step, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(STEP_PATH)
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"] or "login" in response["Location"]


def test_an_easy_read_version_below_a_step_is_still_routed_by_the_step(client, demo):
    step = StepPage.objects.live().filter(has_easy_read=True, locale__language_code="en-gb").first()
    assert step is not None, "the demo gives some steps an Easy Read version"
    response = client.get(f"{step.url}easy-read/")
    assert response.status_code == 200
    assert step.title in response.content.decode()
