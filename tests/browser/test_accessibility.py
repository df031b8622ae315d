"""Zero axe-core violations and nothing wider than the screen at 320px on every demo page reachable from the
home page, every kind of page for every role, and zero Nu HTML Checker errors on the pages those crawls reach."""

import base64
import os
import re

import pytest
from django_otp.oath import totp

from demo.two_factor import DEMO_TOTP_SECRET
from learning.models import Membership
from learning.services.closing import close_group

from .conftest import sign_in
from .crawler import LANGUAGE_HOMES, check_page, crawl, format_problems, validate_html

# Transactional (the live server runs in another thread) and restoring the migrations' data afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def public_page_types():
    """One live example of each public page type, by its model name."""
    from learning.models import PathwayIndexPage, PathwayPage, StagePage, StepPage
    from resources.models import CaseStudyIndexPage, CaseStudyPage, GuideIndexPage, GuidePage

    models = (GuideIndexPage, GuidePage, CaseStudyIndexPage, CaseStudyPage)
    models += (PathwayIndexPage, PathwayPage, StagePage, StepPage)
    return {model.__name__: {page.url for page in model.objects.live()} for model in models}


# Pages only a signed-in person reaches, by the role that reaches them.
SIGNED_IN_PAGE_TYPES = {
    "stories form": re.compile(r"^/stories/new/$"),
    "your groups": re.compile(r"^/groups/$"),
    "group dashboard": re.compile(r"^/groups/(?!new/)[\w-]+/$"),
    "evidence library": re.compile(r"^/groups/[\w-]+/evidence/$"),
    "certificate": re.compile(r"^/certificates/\w+/$"),
    "readiness profile": re.compile(r"^/groups/[\w-]+/readiness/$"),
    "self-assessment round": re.compile(r"^/groups/[\w-]+/readiness/rounds/\d+/$"),
    "evidence areas": re.compile(r"^/groups/[\w-]+/readiness/evidence/\d+/areas/$"),
    "funder reviews of the group": re.compile(r"^/groups/[\w-]+/reviews/\d+/$"),
    "sharing": re.compile(r"^/groups/[\w-]+/sharing/$"),
    "funder portfolio": re.compile(r"^/funders/$"),
    "funder's page of a group": re.compile(r"^/funders/groups/[\w-]+/$"),
    # Change over time and the cohort (issue 16, items 3 and 4): the group's comparison of its rounds and all
    # its milestones (linked from a dashboard with more than five), the funder's cohort from the portfolio.
    "compare rounds": re.compile(r"^/groups/[\w-]+/readiness/compare/$"),
    "a group's milestones": re.compile(r"^/groups/[\w-]+/milestones/$"),
    "funder cohort": re.compile(r"^/funders/cohort/$"),
    "two-step sign-in": re.compile(r"^/accounts/two-factor/$"),
    "two-step sign-in set-up": re.compile(r"^/accounts/two-factor/set-up/$"),
    # Downloads of data (issue 12, item 7): linked from the account page and, for coordinators, the dashboard.
    "your data download": re.compile(r"^/accounts/data/$"),
    "a group's data download": re.compile(r"^/groups/[\w-]+/export/$"),
    # Closing a group (issue 12, item 6): the confirmation page, linked from the coordinator's edit page.
    "close the group": re.compile(r"^/groups/[\w-]+/close/$"),
    # The facilitator's caseload (issue 16, item 1), linked from the facilitator's header and home.
    "facilitator caseload": re.compile(r"^/facilitation/$"),
}


# A page with three errors the Nu HTML Checker must find, checked with the crawled pages (in the same Java
# start), so a checker that ran on nothing or reported nothing fails the test.
BROKEN_HTML = (
    '<!DOCTYPE html><html lang="en"><head><title>Broken</title></head><body><main><p>Text</p></p>'
    '<form action=""></form><time datetime="2026-12-01T10:00:00.123456+00:00">1 December</time></main></body></html>'
)


def test_every_page_a_visitor_can_reach_is_accessible(visitor_crawl):
    """The run's one crawl as a visitor (conftest's `visitor_crawl`, shared with test_resources.py)."""
    visited, problems = visitor_crawl
    assert "/search/" in visited
    assert "/gd/mun-ionad/" in visited and "/gd/stiuiridhean/" in visited
    for name, urls in public_page_types().items():
        assert urls & set(visited), f"no link reaches a {name}"
    assert problems == {}, format_problems(problems)


def test_every_page_each_demo_account_can_reach_is_accessible(
    page, live_server, demo_accounts, settings, crawled_html, crawl_record
):
    """As each role: every page it reaches that no crawl before checked, and one page of each kind it reaches
    (each URL pattern or page model, in each language) that other crawls did check: the visitor's crawl has
    checked every public page, English and Gaelic, so each role checks its own view of each kind once."""
    assert demo_accounts, "load_demo made no accounts"
    all_problems, reached = {}, set()
    for role, email, _purpose in demo_accounts:
        page.context.clear_cookies()
        sign_in(page, live_server.url, email, settings.DEMO_PASSWORD)
        visited, problems = crawl(
            page,
            live_server.url,
            start_paths=(*LANGUAGE_HOMES, "/accounts/"),
            html_dir=crawled_html,
            record=crawl_record,
        )
        assert "/accounts/" in visited
        reached.update(visited)
        all_problems.update({f"[{role}] {path}": items for path, items in problems.items()})
    for name, pattern in SIGNED_IN_PAGE_TYPES.items():
        assert any(pattern.match(path) for path in reached), f"no signed-in crawl reached a {name} page"
    assert all_problems == {}, format_problems(all_problems)


def test_every_crawled_page_is_valid_html(crawled_html):
    """Runs after the two crawls above (pytest keeps a module's order), on the pages they saved."""
    crawled = list(crawled_html.glob("*.html"))
    if not crawled:
        message = "no crawled pages to check: run this with the crawl tests before it"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    (crawled_html / "known-broken-page.html").write_text(BROKEN_HTML, encoding="utf-8")
    errors = validate_html(crawled_html)
    broken = [line for line in errors if "known-broken-page.html" in line]
    assert len(broken) == 3, errors
    others = [line for line in errors if line not in broken]
    assert others == [], f"{len(others)} errors on {len(crawled)} crawled pages:\n" + "\n".join(others)


def test_two_step_sign_in_pages_are_accessible(page, live_server, demo_accounts, settings):
    """The code page (also with an error) and the recovery codes, as the demo editor who must give a code."""
    settings.ACCOUNTS_TWO_FACTOR_REQUIRED = True
    secret = base64.b32decode(DEMO_TOTP_SECRET)
    sign_in(page, live_server.url, "editor@example.org", settings.DEMO_PASSWORD)
    assert "/accounts/two-factor/verify/" in page.url
    problems = {"verify": check_page(page)}
    page.get_by_label("Code").fill("000000" if f"{totp(secret):06d}" != "000000" else "111111")
    page.get_by_role("button", name="Carry on").click()
    assert "did not work" in page.content() or "Wait" in page.content()
    problems["verify with an error"] = check_page(page)
    page.wait_for_timeout(1100)  # django-otp pauses a second after a wrong code
    page.get_by_label("Code").fill(f"{totp(secret):06d}")
    page.get_by_role("button", name="Carry on").click()
    page.goto(live_server.url + "/accounts/two-factor/")
    problems["manage"] = check_page(page)
    page.get_by_label("Code").fill(f"{totp(secret, drift=1):06d}")
    page.get_by_role("button", name="Make new recovery codes").click()
    assert page.locator("ol.recovery-codes li").count() == 10
    problems["recovery codes"] = check_page(page)
    assert all(found == [] for found in problems.values()), problems


def test_public_forms_are_accessible(page, live_server, demo_accounts):
    for path in ["/accounts/sign-in/", "/accounts/sign-up/", "/accounts/password/reset/", "/does-not-exist/"]:
        page.goto(live_server.url + path)
        assert check_page(page) == [], path


def test_the_checker_reports_a_page_with_violations(page, live_server, demo_accounts):
    broken = (
        "<!DOCTYPE html><html><head><title>Broken</title></head><body>"
        "<main><img src='/x.png'><a href='/'></a><input type='text'></main></body></html>"
    )
    page.route("**/broken-page/", lambda route: route.fulfill(status=200, content_type="text/html", body=broken))
    page.route(
        "**/links-to-broken/",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body="<!DOCTYPE html><html lang='en'><head><title>Start</title></head><body><main><h1>Start</h1>"
            "<a href='/broken-page/'>Broken page</a></main></body></html>",
        ),
    )
    # Two pages: the broken page's empty link leads to the home page, and a crawl from there is the whole site.
    visited, problems = crawl(page, live_server.url, start_paths=("/links-to-broken/",), max_pages=2)
    assert visited == ["/links-to-broken/", "/broken-page/"]
    assert "/broken-page/" in problems
    ids = " ".join(problems["/broken-page/"])
    assert "image-alt" in ids and "html-has-lang" in ids
    with pytest.raises(AssertionError):
        assert problems == {}, format_problems(problems)


def test_a_broken_link_is_reported(page, live_server, demo_accounts):
    page.route(
        "**/with-dead-link/",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body="<!DOCTYPE html><html lang='en'><head><title>Dead</title></head><body><main><h1>Dead</h1>"
            "<a href='/no-such-page-here/'>Gone</a></main></body></html>",
        ),
    )
    _visited, problems = crawl(page, live_server.url, start_paths=("/with-dead-link/",), max_pages=2)
    assert problems.get("/no-such-page-here/") == ["HTTP 404"]


def test_keyboard_user_can_skip_to_content_and_sees_focus(page, live_server, demo_accounts):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_small_phone_has_no_sideways_scrolling(browser, live_server, demo_accounts):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    small = context.new_page()
    for path in ["/", "/about/", "/accounts/sign-in/"]:
        small.goto(live_server.url + path)
        overflow = small.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
        assert not overflow, path
    context.close()


def test_a_closed_groups_pages_are_accessible(page, live_server, demo_accounts, settings):
    """Closing a group (issue 12, item 6): the group list with its "Closed groups" note and the closed group's
    notice, as its coordinator (the confirmation page is in the signed-in crawl)."""
    membership = Membership.objects.filter(role="coordinator", left__isnull=True).select_related("user", "group")
    membership = membership.filter(user__email__in=[email for _role, email, _purpose in demo_accounts]).first()
    group = close_group(group=membership.group, by=membership.user)
    sign_in(page, live_server.url, membership.user.email, settings.DEMO_PASSWORD)
    problems = {}
    page.goto(live_server.url + "/groups/")
    assert "Closed groups" in page.content()
    problems["/groups/"] = check_page(page)
    page.goto(live_server.url + group.get_absolute_url())
    assert "This group was closed on" in page.content()
    problems[group.get_absolute_url()] = check_page(page)
    assert {path: items for path, items in problems.items() if items} == {}, format_problems(problems)
