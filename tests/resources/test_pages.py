"""Guide and case study pages: contents, reading time, facts, related pages, sharing tags, places."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from resources.models import (
    CaseStudyIndexPage,
    CaseStudyOutcome,
    CaseStudyPage,
    GuideIndexPage,
    GuidePage,
    GuideRelatedCaseStudy,
    GuideRelatedGuide,
)
from resources.places import COUNCIL_AREAS, PLACE_CHOICES, place_name

from .factories import make_case_study, make_guide, publish

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_place_list_is_scotlands_32_council_areas_plus_two():
    assert len(COUNCIL_AREAS) == 32
    assert len({code for code, _name in PLACE_CHOICES}) == 34
    assert place_name("scotland-wide") == "Scotland-wide"
    assert place_name("outside-scotland") == "Outside Scotland"
    assert place_name("na-h-eileanan-siar") == "Na h-Eileanan Siar"
    assert place_name("nowhere") == ""


def test_a_guide_shows_contents_reading_time_and_review_date(client, guide_index):
    body = [
        ("heading", {"text": "Before you start", "level": "h2", "anchor": ""}),
        ("paragraph", "<p>" + "word " * 500 + "</p>"),
        ("heading", {"text": "On the day", "level": "h2", "anchor": "day"}),
        ("callout", {"kind": "tip", "title": "", "text": "<p>Bring biscuits.</p>"}),
    ]
    guide = make_guide(
        guide_index,
        title="Running a meeting",
        body=body,
        last_reviewed=datetime.date(2026, 3, 4),
        audience="facilitators",
        themes=["Meetings"],
    )
    assert guide.reading_minutes == 3
    soup = soup_of(client.get(guide.url))
    toc = soup.select_one("nav.toc")
    assert [(a["href"], a.get_text()) for a in toc.select("a")] == [
        ("#before-you-start", "Before you start"),
        ("#day", "On the day"),
    ]
    assert soup.select_one("h2#before-you-start") and soup.select_one("h2#day")
    text = soup.get_text(" ", strip=True)
    assert "About 3 minutes" in text and "4 March 2026" in text and "Community workers and facilitators" in text
    assert "Meetings" in text and "Bring biscuits." in text


def test_a_guide_lists_only_live_related_pages(client, guide_index, case_study_index):
    other = make_guide(guide_index, title="Other guide")
    hidden = make_guide(guide_index, title="Hidden guide", live=False)
    story = make_case_study(case_study_index, title="Related story")
    guide = make_guide(guide_index, title="Main guide")
    guide.related_guide_links = [GuideRelatedGuide(guide=other), GuideRelatedGuide(guide=hidden)]
    guide.related_case_study_links = [GuideRelatedCaseStudy(case_study=story)]
    publish(guide)
    text = soup_of(client.get(guide.url)).get_text(" ", strip=True)
    assert "Other guide" in text and "Related story" in text and "Hidden guide" not in text


def test_a_case_study_shows_its_facts(client, case_study_index):
    page = make_case_study(
        case_study_index,
        title="Fact story",
        place="scotland-wide",
        activities=["co_commissioning", "co_assessment"],
        partners=[("Linked Group", "community-group"), ("NHS board", "public-service")],
        challenge="<p>It was hard.</p>",
        lessons="<p>Start early.</p>",
        quotes=[("quote", {"text": "It worked.", "attribution": "Sam", "role": "member"})],
        website="https://example.org/",
    )
    page.outcomes = [CaseStudyOutcome(label="people helped", value="120")]
    publish(page)
    text = soup_of(client.get(page.url)).get_text(" ", strip=True)
    for expected in [
        "Scotland-wide",
        "Co-commissioning, Co-assessment",
        "Linked Group",
        "(Public service)",
        "It was hard.",
        "They worked together.",
        "Things got better.",
        "120 people helped",
        "It worked.",
        "Sam, member",
        "Start early.",
        "Their website",
    ]:
        assert expected in text, expected


def test_pages_carry_a_description_and_open_graph_tags(client, case_study_index):
    image = get_image_model().objects.create(title="Hall", file=get_test_image_file())
    page = make_case_study(
        case_study_index,
        title="Shared story",
        summary="Short & sweet summary.",
        hero_image=image,
        hero_image_alt="A busy hall",
    )
    soup = soup_of(client.get(page.url))
    assert soup.select_one('meta[name="description"]')["content"] == "Short & sweet summary."
    assert soup.select_one('meta[property="og:title"]')["content"] == "Shared story"
    assert soup.select_one('meta[property="og:description"]')["content"] == "Short & sweet summary."
    assert soup.select_one('meta[property="og:image"]')["content"].startswith("http://testserver/")
    assert soup.select_one('meta[property="og:image:alt"]')["content"] == "A busy hall"
    assert soup.select_one('img[alt="A busy hall"]') is not None


def test_a_case_study_with_an_image_needs_alt_text(case_study_index):
    image = get_image_model().objects.create(title="Hall", file=get_test_image_file())
    page = CaseStudyPage(
        title="No alt",
        slug="no-alt",
        summary="s",
        place="fife",
        co_design=True,
        what_changed="<p>x</p>",
        what_they_did=[("paragraph", "<p>y</p>")],
        hero_image=image,
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    assert "hero_image_alt" in caught.value.message_dict


def test_guides_print_as_a_handout(client, guide_index):
    guide = make_guide(guide_index)
    soup = soup_of(client.get(guide.url))
    assert soup.select_one('link[rel="stylesheet"][media="print"]') is not None
    assert "/static/resources/resources.css" in str(soup.head)


def test_the_demo_is_complete_linked_from_home_and_safe_to_load_twice(client, demo):
    counts = (GuidePage.objects.count(), CaseStudyPage.objects.count())
    assert counts[0] >= 4 and counts[1] >= 8
    assert len({page.place for page in CaseStudyPage.objects.all()}) >= 6
    for index_model in (GuideIndexPage, CaseStudyIndexPage):
        index = index_model.objects.get(locale=Locale.get_default())
        assert index.show_in_menus and index.live
    call_command("load_demo", "--force", stdout=__import__("io").StringIO())
    assert (GuidePage.objects.count(), CaseStudyPage.objects.count()) == counts
    assert CaseStudyIndexPage.objects.get(locale=Locale.get_default()).get_workflow().name == "Case study review"

    soup = soup_of(client.get("/"))
    nav = [a.get_text() for a in soup.select("nav.main-nav a")]
    assert "Guides" in nav and "Case studies" in nav
    assert soup.select_one("#home-case-studies") and soup.select_one("#home-guides")
    assert len(soup.select("section[aria-labelledby=home-case-studies] .card")) == 3
    assert soup.select_one('footer a[href="/search/"]') is not None
    for page in list(GuidePage.objects.live()) + list(CaseStudyPage.objects.live()):
        assert client.get(page.url).status_code == 200, page.url


def test_the_demo_has_a_moderator_account(demo):
    from django.contrib.auth import get_user_model

    moderator = get_user_model().objects.get(email="moderator@example.org")
    assert moderator.groups.filter(name="Moderators").exists()
