"""The demo's Easy Read versions (issue 15, item 2): the guide "What co-production is, and what it is not" and
the three steps of "Coming together" each link to an Easy Read page that links back, every picture on it has
alternative text, and the words keep to the Easy Read rules."""

import re
from html.parser import HTMLParser

import pytest

from learning.models import StagePage, StepPage
from resources.easy_read.rules import easy_read_warnings
from resources.models import GuidePage

pytestmark = pytest.mark.django_db

BACK = "Go back to the full version of this page"


@pytest.fixture
def demo(shared_demo):
    return shared_demo


class Links(HTMLParser):
    """Each link's address and text, and each image's alt text (None when it has no alt attribute)."""

    def __init__(self):
        super().__init__()
        self.links, self.images, self._href, self._text = [], [], None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self._href, self._text = attrs.get("href"), []
        elif tag == "img":
            self.images.append((attrs.get("src"), attrs.get("alt")))

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None


def parse(html):
    parser = Links()
    parser.feed(html)
    return parser


def rows_html(html):
    return html.split('class="easy-read__rows"', 1)[1].split("</article>", 1)[0]


def easy_read_pages():
    stage = StagePage.objects.get(title="Coming together")
    steps = list(StepPage.objects.child_of(stage).live().order_by("path"))
    return [GuidePage.objects.get(slug="what-co-production-is-and-is-not"), *steps]


def test_the_guide_and_the_three_steps_of_coming_together_have_easy_read_versions(demo):
    pages = easy_read_pages()
    assert [page.title for page in pages] == [
        "What co-production is, and what it is not",
        "Why are we here?",
        "Who is not in the room?",
        "How we make decisions",
    ]
    assert all(page.has_easy_read for page in pages)
    assert GuidePage.objects.filter(has_easy_read=True).count() == 1


def test_each_page_links_to_its_easy_read_version_and_the_easy_read_page_links_back(client, demo):
    for page in easy_read_pages():
        full = client.get(page.url)
        assert full.status_code == 200
        links = parse(full.content.decode()).links
        assert (page.url + "easy-read/", "Easy Read version") in links, page.title

        easy = client.get(page.url + "easy-read/")
        assert easy.status_code == 200
        html = easy.content.decode()
        assert re.search(r"<h1>\s*<span[^>]*>Easy Read</span>\s*" + re.escape(page.title), html.replace("&#x27;", "'"))
        assert (page.url, BACK) in parse(html).links


def test_the_guides_easy_read_page_says_what_co_production_is_in_short_sentences(client, demo):
    html = client.get("/guides/what-co-production-is-and-is-not/easy-read/").content.decode()
    assert "<b>Co-production</b> means working together as <b>equals</b>." in html
    assert "Four ways to work together" in html
    assert "Twemoji" in html and "CC BY 4.0" in html  # the pictures' credit, as their licence asks


def test_every_picture_on_the_easy_read_pages_has_alternative_text(client, demo):
    for page in easy_read_pages():
        images = parse(rows_html(client.get(page.url + "easy-read/").content.decode())).images
        assert len(images) == sum(1 for child in page.easy_read if child.block_type == "row") >= 6
        for src, alt in images:
            assert src.startswith("/static/resources/pictograms/") and src.endswith(".svg")
            assert alt and alt.strip(), f"{page.title}: a picture without alternative text ({src})"


def test_the_demo_easy_read_words_keep_to_the_rules(demo):
    for page in easy_read_pages():
        assert easy_read_warnings(page.easy_read) == [], page.title


def test_a_guide_without_an_easy_read_version_shows_no_link_and_no_page(client, demo):
    guide = GuidePage.objects.get(slug="mapping-your-communitys-strengths")
    assert "Easy Read" not in client.get(guide.url).content.decode()
    assert client.get(guide.url + "easy-read/").status_code == 404


def test_the_sitemap_lists_the_easy_read_pages(client, demo):
    xml = client.get("/sitemap.xml").content.decode()
    for page in easy_read_pages():
        assert page.full_url + "easy-read/</loc>" in xml
    assert "mapping-your-communitys-strengths/easy-read/" not in xml
