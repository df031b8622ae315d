"""The site's menu and footer kept as HTML under the content version (home/templatetags/navigation_tags.py):
the menu kept once for each section it can mark as the current one, the footer once; a page added to the
menu, a footer page renamed, and each language show at once."""

import re

import pytest
from wagtail.models import Page

from home.models import StandardPage
from tests.learning.factories import make_group

pytestmark = pytest.mark.django_db

STEP_PATH = "/pathways/ready-to-co-produce/1-coming-together/why-are-we-here/"


@pytest.fixture
def demo(shared_demo):
    return shared_demo


@pytest.fixture
def member(demo, client):
    client.force_login(make_group(name="Kept Shell Close").coordinator)
    return client


def menu(html):
    """[(title, marked current)] of the main menu."""
    nav = re.search(r'<nav class="main-nav"[^>]*>(.*?)</nav>', html, re.S).group(1)
    return [
        (title, bool(current))
        for current, title in re.findall(r'<a href="[^"]*"( aria-current="page")?>([^<]*)</a>', nav)
    ]


def footer(html):
    """The footer's link texts (its navigation is the page's last)."""
    nav = re.findall(r'<nav aria-label="[^"]+">(.*?)</nav>', html, re.S)[-1]
    return re.findall(r">([^<]+)</a>", nav)


def test_each_section_is_marked_on_its_own_pages_and_none_elsewhere(member, demo, page_cache):
    for _ in range(2):  # the second time from what is kept
        on_step = menu(member.get(STEP_PATH).content.decode())
        on_home = menu(member.get("/").content.decode())
        on_dashboard = menu(member.get("/groups/").content.decode())
        assert [title for title, current in on_step if current] == ["Pathways"]
        assert not any(current for _title, current in on_home)
        assert not any(current for _title, current in on_dashboard)
        assert [title for title, _current in on_step] == [title for title, _current in on_home]


def test_a_page_added_to_the_menu_and_a_footer_page_renamed_show_at_once(member, demo, page_cache):
    before = member.get(STEP_PATH).content.decode()
    assert "Neighbourhood news" not in [title for title, _current in menu(before)]
    home = demo.root_page.specific
    news = home.add_child(
        instance=StandardPage(
            title="Neighbourhood news", slug="neighbourhood-news", body="<p>x</p>", show_in_menus=True
        )
    )
    news.save_revision().publish()
    privacy = Page.objects.get(pk=home.get_site().sitesettings.privacy_page_id).specific
    privacy.title = "How we keep your data"
    privacy.save_revision().publish()
    after = member.get(STEP_PATH).content.decode()
    assert ("Neighbourhood news", False) in menu(after)
    assert [title for title, current in menu(after) if current] == ["Pathways"]
    assert "How we keep your data" in footer(after)


def test_each_language_has_its_own_menu_and_footer(member, demo, page_cache):
    english = member.get("/").content.decode()
    gaelic = member.get("/gd/").content.decode()
    assert "Pathways" in [title for title, _current in menu(english)]
    assert "Pathways" not in [title for title, _current in menu(gaelic)]
    assert menu(gaelic) and footer(gaelic) != footer(english)
