"""Wagtail hygiene: each page type knows its place, listings leave bodies unread, one feature list per purpose."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from wagtail import blocks
from wagtail.fields import RichTextField
from wagtail.models import Locale

from home.models import HomePage, StandardPage
from learning.models import PathwayIndexPage, PathwayPage, StagePage, StepPage
from resources import rich_text
from resources.blocks import ContentStreamBlock
from resources.feeds import LatestCaseStudiesFeed
from resources.listings import case_study_listing, featured_guides, guide_listing, latest_case_studies, search_pages
from resources.models import CaseStudyIndexPage, CaseStudyPage, GuideIndexPage, GuidePage, GuideRelatedGuide
from tests.learning.factories import make_pathway, steps_of

from .factories import make_case_study, make_guide, make_guide_index

INDEX_PAGES = [GuideIndexPage, CaseStudyIndexPage, PathwayIndexPage]


# Each index page: one in the whole site, under any parent


@pytest.mark.parametrize("index_model", INDEX_PAGES)
def test_an_index_page_is_one_per_site_and_goes_under_the_host_home_page(index_model):
    assert index_model.max_count == 1
    # Open parents: the plugin apps cannot name the host's home page type.
    assert getattr(index_model, "parent_page_types", None) is None
    assert index_model in HomePage.allowed_subpage_models()


@pytest.mark.parametrize("index_model", INDEX_PAGES)
def test_the_admin_refuses_a_second_index_page(site_root, index_model):
    assert index_model.can_create_at(site_root)
    site_root.add_child(instance=index_model(title="The only one", slug="the-only-one"))
    assert not index_model.can_create_at(site_root)


def test_the_admin_add_view_refuses_a_second_guide_index(client, make_user, site_root):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    url = reverse("wagtailadmin_pages:add", args=("resources", "guideindexpage", site_root.pk))
    assert client.get(url).status_code == 200
    make_guide_index(site_root)
    # Wagtail's admin answers a refused page with a redirect to the dashboard and a message.
    response = client.get(url)
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


@pytest.mark.parametrize(
    ("page_model", "parents", "children"),
    [
        (GuidePage, {GuideIndexPage}, set()),
        (CaseStudyPage, {CaseStudyIndexPage}, set()),
        (PathwayPage, {PathwayIndexPage}, {StagePage}),
        (StagePage, {PathwayPage}, {StepPage}),
        (StepPage, {StagePage}, set()),
        (StandardPage, {HomePage, StandardPage}, {StandardPage}),
    ],
)
def test_each_content_page_declares_its_parents_and_children(page_model, parents, children):
    assert set(page_model.allowed_parent_page_models()) == parents
    assert set(page_model.allowed_subpage_models()) == children


@pytest.mark.parametrize(
    ("index_model", "children"),
    [(GuideIndexPage, {GuidePage}), (CaseStudyIndexPage, {CaseStudyPage}), (PathwayIndexPage, {PathwayPage})],
)
def test_an_index_page_holds_only_its_own_pages(index_model, children):
    assert set(index_model.allowed_subpage_models()) == children


def test_the_home_page_is_one_and_sits_at_the_root():
    assert HomePage.max_count == 1
    assert HomePage.parent_page_types == ["wagtailcore.Page"]


# Listings show titles and summaries: the StreamField bodies stay unread


def body_deferred(pages, *names):
    pages = list(pages)
    assert pages, "the listing should show something"
    return all(set(names) <= page.get_deferred_fields() for page in pages)


GUIDE_BODY = ("body",)
CASE_STUDY_BODIES = ("what_they_did", "quotes")


def test_the_guide_and_case_study_listings_defer_the_bodies(rf, guide_index, case_study_index):
    make_guide(guide_index)
    make_case_study(case_study_index)
    request = rf.get("/")
    assert body_deferred(guide_listing(index_page=guide_index, request=request)["items"], *GUIDE_BODY)
    assert body_deferred(case_study_listing(index_page=case_study_index, request=request)["items"], *CASE_STUDY_BODIES)


def test_the_home_sections_defer_the_bodies(guide_index, case_study_index):
    make_guide(guide_index, featured=True)
    make_case_study(case_study_index)
    assert body_deferred(featured_guides(), *GUIDE_BODY)
    assert body_deferred(latest_case_studies(), *CASE_STUDY_BODIES)


def test_the_feed_defers_the_bodies(rf, case_study_index):
    make_case_study(case_study_index)
    feed = LatestCaseStudiesFeed()
    feed.request, feed.index_page = rf.get("/"), case_study_index
    assert body_deferred(feed.items(), *CASE_STUDY_BODIES)


@pytest.mark.search_index
def test_search_results_defer_the_bodies(rf, guide_index, case_study_index):
    make_guide(guide_index, title="Planning a meeting together")
    make_case_study(case_study_index, title="Meeting the council together")
    results = search_pages(query="together", request=rf.get("/search/", {"q": "together"})).object_list
    assert {type(page) for page in results} == {GuidePage, CaseStudyPage}
    assert body_deferred([page for page in results if isinstance(page, GuidePage)], *GUIDE_BODY)
    assert body_deferred([page for page in results if isinstance(page, CaseStudyPage)], *CASE_STUDY_BODIES)


def test_related_guides_on_a_guide_defer_their_bodies(rf, guide_index):
    related = make_guide(guide_index)
    guide = make_guide(guide_index)
    guide.related_guide_links = [GuideRelatedGuide(guide=related)]
    guide.save_revision().publish()
    context = GuidePage.objects.get(pk=guide.pk).get_context(rf.get("/"))
    assert body_deferred(context["related_guides"], *GUIDE_BODY)


def test_the_step_lists_of_pathways_and_stages_defer_the_bodies(rf, db):
    pathway = make_pathway(stages=1, steps_per_stage=3)
    step = steps_of(pathway)[1]
    assert body_deferred([s for _stage, steps in pathway.outline() for s in steps], "body")
    assert body_deferred(step.stage.get_context(rf.get("/"))["steps"], "body")
    assert body_deferred(step.siblings_in_pathway(), "body")
    assert body_deferred([s for s in step.previous_and_next() if s], "body")
    pathways = PathwayIndexPage.objects.get(locale=Locale.get_default()).get_context(rf.get("/"))["pathways"]
    assert pathways._defer_streamfields


# One feature list per purpose, defined once


def rich_text_blocks(block):
    if isinstance(block, blocks.RichTextBlock):
        yield block
    children = getattr(block, "child_blocks", None) or {}
    for child in children.values():
        yield from rich_text_blocks(child)
    if isinstance(block, blocks.ListBlock):
        yield from rich_text_blocks(block.child_block)


def test_every_rich_text_block_in_a_body_uses_the_body_list():
    found = list(rich_text_blocks(ContentStreamBlock()))
    assert len(found) >= 3
    assert all(block.features is rich_text.BODY_FEATURES for block in found)


@pytest.mark.parametrize(
    ("model", "field_name", "features"),
    [
        (GuideIndexPage, "introduction", rich_text.INTRODUCTION_FEATURES),
        (CaseStudyIndexPage, "introduction", rich_text.INTRODUCTION_FEATURES),
        (CaseStudyPage, "challenge", rich_text.SECTION_FEATURES),
        (CaseStudyPage, "what_changed", rich_text.SECTION_FEATURES),
        (CaseStudyPage, "lessons", rich_text.SECTION_FEATURES),
        (PathwayIndexPage, "introduction", rich_text.SECTION_FEATURES),
        (PathwayPage, "outcomes", rich_text.SECTION_FEATURES),
        (StagePage, "introduction", rich_text.SECTION_FEATURES),
        (HomePage, "introduction", rich_text.PAGE_TEXT_FEATURES),
        (StandardPage, "body", rich_text.PAGE_TEXT_FEATURES),
    ],
)
def test_each_rich_text_field_takes_the_shared_list_for_its_purpose(model, field_name, features):
    assert model._meta.get_field(field_name).features is features


def test_every_rich_text_field_in_the_apps_takes_a_shared_list():
    shared = [value for name, value in vars(rich_text).items() if name.endswith("_FEATURES")]
    for label in ("resources", "learning", "readiness", "home"):
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.get_fields():
                if isinstance(field, RichTextField):
                    assert any(field.features is features for features in shared), f"{model.__name__}.{field.name}"


def test_no_module_but_rich_text_defines_a_feature_list():
    defined_at = re.compile(r"^\s*[A-Z_]*FEATURES\s*=", re.MULTILINE)
    root = Path(settings.BASE_DIR)
    sources = [
        path
        for app in ("resources", "learning", "home")
        for path in (root / app).rglob("*.py")
        if "migrations" not in path.parts and defined_at.search(path.read_text())
    ]
    assert sources == [root / "resources" / "rich_text.py"]
