"""Guides, case studies, search and Tell your story in a real browser: reachable and with zero axe violations."""

from urllib.parse import urlsplit

import pytest

from .conftest import sign_in
from .crawler import check_page, format_problems

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_every_resources_page_type_is_reachable_from_home_and_accessible(visitor_crawl):
    """On the run's one crawl as a visitor (conftest's `visitor_crawl`, shared with test_accessibility.py)."""
    from resources.models import CaseStudyIndexPage, CaseStudyPage, GuideIndexPage, GuidePage

    visited, problems = visitor_crawl
    for model in (GuideIndexPage, GuidePage, CaseStudyIndexPage, CaseStudyPage):
        example = model.objects.live().first()
        assert example.url in visited, f"no link reaches a {model.__name__}"
    assert "/search/" in visited
    assert problems == {}, format_problems(problems)


def test_search_filters_and_empty_states_are_accessible(page, live_server, demo_accounts):
    for path in [
        "/search/?q=council",
        "/search/?q=zzznothingmatches",
        "/case-studies/?theme=food&place=fife&activity=co_design",
        "/case-studies/?place=orkney-islands",
        "/guides/?audience=funders",
    ]:
        page.goto(live_server.url + path)
        assert check_page(page) == [], path


def tell_a_story(tab, base_url, title, check=lambda where: None):
    """Send a story through /stories/new/, first with a mistake; `check(where)` runs at each page."""
    tab.goto(base_url + "/stories/new/")
    check("story form")
    tab.get_by_label("Give your story a title").fill(title)
    tab.get_by_role("button", name="Send your story").click()
    tab.wait_for_load_state()
    assert "There is a problem" in tab.content()
    assert tab.get_by_label("Give your story a title").input_value() == title
    check("story form with errors")
    tab.get_by_label("Your group's name").fill("Bench Friends")
    tab.get_by_label("Where did it happen?").select_option("moray")
    tab.get_by_label("Co-design", exact=False).check()
    tab.get_by_label("What happened?").fill("We chose where the benches go with the council.")
    tab.get_by_label("What changed?").fill("Older people walk further.")
    tab.get_by_label("I agree that the Hub may publish", exact=False).check()
    tab.get_by_role("button", name="Send your story").click()
    tab.wait_for_load_state()
    # The story form posts to "#error-summary" (a long form), which the address keeps after the redirect.
    assert urlsplit(tab.url).path.endswith("/stories/thank-you/")
    check("thank-you page")
    tab.goto(base_url + "/stories/")
    assert title in tab.content() and "Waiting for an editor" in tab.content()
    check("your stories")


def test_telling_a_story_works_without_javascript(browser, live_server, demo_accounts, settings):
    # axe needs JavaScript (and Playwright's evaluate waits for ever without it), so the next test checks it.
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1024, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    sign_in(tab, live_server.url, "editor@example.org", settings.DEMO_PASSWORD)
    tell_a_story(tab, live_server.url, "Our bench project")
    context.close()


def test_every_page_of_telling_a_story_is_accessible(page, live_server, demo_accounts, settings):
    def check(where):
        assert check_page(page) == [], where

    sign_in(page, live_server.url, "member@example.org", settings.DEMO_PASSWORD)
    tell_a_story(page, live_server.url, "Our garden project", check=check)


def test_guides_and_case_studies_fit_a_small_phone(browser, live_server, demo_accounts):
    from resources.models import CaseStudyPage, GuidePage

    context = browser.new_context(viewport={"width": 320, "height": 640})
    small = context.new_page()
    paths = ["/guides/", "/case-studies/", "/search/?q=council"]
    paths += [GuidePage.objects.live().first().url, CaseStudyPage.objects.live().first().url]
    for path in paths:
        small.goto(live_server.url + path)
        overflow = small.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
        assert not overflow, path
    context.close()
