"""Site search, the Atom feed of case studies, the sitemap and the read-only API."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from resources.models import CaseStudyOutcome

from .factories import make_case_study, make_guide

pytestmark = [pytest.mark.django_db, pytest.mark.search_index]
ATOM = "{http://www.w3.org/2005/Atom}"


def results(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        (li.select_one(".result-type").get_text(strip=True), li.select_one("h3 a").get_text(strip=True))
        for li in soup.select(".search-results li")
    ]


# No reindexing in these tests: publishing a page must update the search index by itself.


def test_search_finds_a_word_only_in_a_partner_name(client, case_study_index):
    make_case_study(case_study_index, title="Bus story", partners=[("Quaggerton Tenants Union", "community-group")])
    assert results(client.get("/search/", {"q": "Quaggerton"})) == [("Case study", "Bus story")]


def test_search_finds_a_word_only_in_the_place_name(client, case_study_index):
    make_case_study(case_study_index, title="Island story", place="shetland-islands")
    assert ("Case study", "Island story") in results(client.get("/search/", {"q": "Shetland"}))


def test_search_labels_each_result_with_its_type_and_leaves_out_drafts(client, guide_index, case_study_index):
    make_guide(guide_index, title="Zebracrossing guide", summary="All about zebracrossing.")
    make_case_study(case_study_index, title="Zebracrossing story")
    make_case_study(case_study_index, title="Zebracrossing draft", live=False)
    found = results(client.get("/search/", {"q": "zebracrossing"}))
    assert sorted(found) == [("Case study", "Zebracrossing story"), ("Guide", "Zebracrossing guide")]


def test_search_paginates(client, case_study_index, settings):
    settings.RESOURCES_PAGE_SIZE = 2
    for number in range(3):
        make_case_study(case_study_index, title=f"Wombat story {number}")
    first = client.get("/search/", {"q": "wombat"})
    assert len(results(first)) == 2
    assert "q=wombat&amp;page=2" in first.content.decode()
    assert len(results(client.get("/search/", {"q": "wombat", "page": 2}))) == 1


def test_no_results_suggests_browsing(client, case_study_index):
    case_study_index.show_in_menus = True
    case_study_index.save_revision().publish()
    response = client.get("/search/", {"q": "xylophonic"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "We could not find anything" in html
    assert f'href="{case_study_index.url}"' in html


def test_search_query_count_is_flat(client, case_study_index, django_assert_max_num_queries, settings):
    settings.RESOURCES_PAGE_SIZE = 50
    for number in range(20):
        make_case_study(case_study_index, title=f"Kestrel story {number}")
    client.get("/search/", {"q": "kestrel"})
    with django_assert_max_num_queries(14):
        assert len(results(client.get("/search/", {"q": "kestrel"}))) == 20


def test_the_feed_lists_the_latest_published_case_studies(client, case_study_index):
    make_case_study(case_study_index, title="First story", summary="It began.")
    make_case_study(case_study_index, title="Second story")
    make_case_study(case_study_index, title="Unpublished story", live=False)
    response = client.get(case_study_index.url + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Second story", "First story"]
    assert entries[1].findtext(f"{ATOM}summary") == "It began."
    # The index page points feed readers at it.
    assert 'type="application/atom+xml"' in client.get(case_study_index.url).content.decode()


def test_the_sitemap_lists_guides_and_case_studies(client, guide_index, case_study_index):
    guide = make_guide(guide_index)
    case_study = make_case_study(case_study_index)
    draft = make_case_study(case_study_index, live=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert guide.full_url in xml and case_study.full_url in xml
    assert draft.slug not in xml


def test_the_api_returns_the_structured_fields_of_case_studies(client, case_study_index):
    page = make_case_study(
        case_study_index,
        title="Api story",
        place="angus",
        themes=["Food"],
        activities=["co_design", "co_assessment"],
        partners=[("Angus Allotments", "community-group"), ("Angus Council", "public-service")],
        challenge="<p>Empty plots.</p>",
        lessons="<p>Start small.</p>",
        contact="Jo at the allotments",
        website="https://allotments.example.org/",
        quotes=[("quote", {"text": "We grow together.", "attribution": "Ali", "role": "volunteer"})],
    )
    page.outcomes = [CaseStudyOutcome(label="plots in use", value="40"), CaseStudyOutcome(label="growers", value="65")]
    page.save_revision().publish()
    response = client.get("/api/v2/pages/", {"type": "resources.CaseStudyPage", "fields": "*"})
    assert response.status_code == 200
    item = next(item for item in response.json()["items"] if item["title"] == "Api story")
    assert item["place"] == "angus" and item["place_name"] == "Angus"
    assert item["themes"] == ["Food"]
    assert item["activities"] == ["co_design", "co_assessment"]
    assert [(p["name"], p["kind"]) for p in item["partners"]] == [
        ("Angus Allotments", "community-group"),
        ("Angus Council", "public-service"),
    ]
    assert item["what_changed"] and item["what_they_did"][0]["type"] == "paragraph"
    assert [(o["label"], o["value"]) for o in item["outcomes"]] == [("plots in use", "40"), ("growers", "65")]
    assert item["quotes"][0]["value"] == {"text": "We grow together.", "attribution": "Ali", "role": "volunteer"}
    assert "Empty plots." in item["challenge"] and "Start small." in item["lessons"]
    assert (item["contact"], item["website"]) == ("Jo at the allotments", "https://allotments.example.org/")
    assert item["summary"] and "hero_image" in item and "hero_image_alt" in item
    assert "submitted_by" not in item and "consent_given_at" not in item


def test_the_api_returns_guides_and_is_read_only(client, guide_index):
    make_guide(guide_index, title="Api guide", themes=["Money"], audience="funders")
    response = client.get("/api/v2/pages/", {"type": "resources.GuidePage", "fields": "*"})
    item = response.json()["items"][0]
    assert item["audience"] == "funders" and item["themes"] == ["Money"] and item["reading_minutes"] == 1
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405
    assert client.get("/api/v2/images/").status_code == 200
    assert client.get("/api/v2/documents/").status_code == 200


EASY_READ_ROW = {
    "pictogram": "handshake",
    "image": None,
    "alt_text": "Two hands shaking",
    "text": "<p>We share the <b>quokkaplan</b> together.</p>",
}


def test_search_finds_a_guide_by_a_word_only_in_its_easy_read_version(client, guide_index):
    make_guide(guide_index, title="Easy guide", easy_read=[("row", EASY_READ_ROW)])
    make_guide(guide_index, title="Plain guide")
    assert results(client.get("/search/", {"q": "quokkaplan"})) == [("Guide", "Easy guide")]


def test_the_api_shows_a_guides_easy_read_version_with_the_guide(client, guide_index):
    easy = make_guide(guide_index, title="Easy guide", easy_read=[("row", EASY_READ_ROW)])
    plain = make_guide(guide_index, title="Plain guide")
    detail = client.get(f"/api/v2/pages/{easy.pk}/").json()
    assert detail["has_easy_read"] is True
    ((row,),) = [[block for block in detail["easy_read"] if block["type"] == "row"]]
    assert row["value"]["alt_text"] == "Two hands shaking" and "quokkaplan" in row["value"]["text"]
    other = client.get(f"/api/v2/pages/{plain.pk}/").json()
    assert other["has_easy_read"] is False and other["easy_read"] == []
