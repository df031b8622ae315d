"""At 320px, the narrowest phone WCAG's reflow criterion (1.4.10) names, the pages with wide tables and long
text fit the screen and have zero axe violations, as the people who see them: a keyboard reaches every
scrolling table, and no page scrolls sideways (issue 15, "Also found by an independent crawl").

The crawl in test_accessibility.py runs at 1024px, where no table is wide enough to scroll: that is why
it never met these."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from learning.models import CommunityGroup, StepPage
from learning.readiness.models import AssessmentRound
from learning.services.evidence import add_evidence
from resources.models import CaseStudyPage, GuidePage

from .conftest import sign_in
from .crawler import check_page, too_wide

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

GROUP = "Riverside Tenants Together"
LONG_TITLE = "Safeguarding_policy_signed_by_the_committee_March_2026_final_version.pdf"


def problems_at_320(page, url):
    response = page.goto(url)
    if response is None or response.status != 200:
        return [f"HTTP {response.status if response else 'no response'}"]
    found = check_page(page)
    if wide := too_wide(page):
        found.append(wide)
    return found


def check_all(page, base_url, paths):
    problems = {path: problems_at_320(page, base_url + path) for path in paths}
    return {path: items for path, items in problems.items() if items}


def group_paths(slug):
    names = ["group_dashboard", "members", "evidence_list"]
    readiness = ["profile", "rounds", "compare", "evidence", "sharing", "group_reviews"]
    return [reverse(f"learning:{name}", args=[slug]) for name in names] + [
        reverse(f"readiness:{name}", kwargs={"slug": slug}) for name in readiness
    ]


def test_a_coordinators_group_pages_fit_a_small_phone(narrow, live_server, demo_accounts, settings):
    group = CommunityGroup.objects.get(name=GROUP)
    # Evidence is often named after its file: one long word, wider than the screen, in lists and tables.
    coordinator = get_user_model().objects.get(email="coordinator@example.org")
    add_evidence(group=group, by=coordinator, evidence_type="safeguarding_policy", title=LONG_TITLE, note=LONG_TITLE)
    rounds = AssessmentRound.objects.filter(group=group)
    paths = group_paths(group.slug) + [
        reverse("readiness:round", kwargs={"slug": group.slug, "pk": each.pk}) for each in rounds
    ]
    sign_in(narrow, live_server.url, "coordinator@example.org", settings.DEMO_PASSWORD)
    assert check_all(narrow, live_server.url, paths) == {}


def test_the_evidence_library_reads_as_one_card_a_row_on_a_phone(browser, live_server, demo_accounts, settings):
    """On a phone the library's rows stack, each value under its column's name, instead of a table that
    scrolls sideways (it did at 390px); on a wider screen it is the table."""
    group = CommunityGroup.objects.get(name=GROUP)
    path = reverse("learning:evidence_list", args=[group.slug])
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    sign_in(phone, live_server.url, "coordinator@example.org", settings.DEMO_PASSWORD)
    phone.goto(live_server.url + path)
    region = phone.get_by_role("region", name="Evidence")
    assert region.evaluate("element => element.scrollWidth <= element.clientWidth"), "the library scrolls sideways"
    rows = phone.locator("table.table-stack tbody tr")
    assert rows.count() >= 2
    first = rows.first.bounding_box()
    second = rows.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"], "the rows should stand one under the other"
    assert first["width"] <= 390
    labels = rows.first.locator("td[data-label]").evaluate_all(
        "cells => cells.map(cell => getComputedStyle(cell, '::before').content)"
    )
    assert any("Type" in label for label in labels) and any("Added" in label for label in labels), labels
    assert phone.locator("table.table-stack thead").bounding_box()["height"] <= 1
    assert check_page(phone) == []

    phone.set_viewport_size({"width": 1024, "height": 900})
    assert phone.locator("table.table-stack thead").bounding_box()["height"] > 10, "a wide screen shows the table"
    assert rows.first.locator("td").first.evaluate("cell => getComputedStyle(cell).display") == "table-cell"
    context.close()


def test_a_funders_portfolio_and_group_page_fit_a_small_phone(narrow, live_server, demo_accounts, settings):
    slug = CommunityGroup.objects.get(name=GROUP).slug
    paths = [reverse("readiness:portfolio"), reverse("readiness:funder_group", kwargs={"slug": slug})]
    sign_in(narrow, live_server.url, "funder@example.org", settings.DEMO_PASSWORD)
    assert check_all(narrow, live_server.url, paths) == {}


def test_public_pages_fit_a_small_phone(narrow, live_server, demo_accounts):
    paths = ["/", "/search/?q=group", "/accounts/sign-up/"]
    for model in (GuidePage, CaseStudyPage, StepPage):
        page = model.objects.live().first()
        paths += [page.get_parent().url, page.url]
    assert check_all(narrow, live_server.url, paths) == {}


def test_a_keyboard_reaches_and_scrolls_a_wide_table(narrow, live_server, demo_accounts, settings):
    sign_in(narrow, live_server.url, "funder@example.org", settings.DEMO_PASSWORD)
    narrow.goto(live_server.url + reverse("readiness:portfolio"))
    region = narrow.get_by_role("region", name="Groups shared with you")
    assert region.evaluate("element => element.scrollWidth > element.clientWidth"), "the table should scroll here"

    for _press in range(80):
        narrow.keyboard.press("Tab")
        if region.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the scrolling table of groups")
    assert region.evaluate("element => getComputedStyle(element).outlineStyle") != "none", "no visible focus"
    narrow.keyboard.press("ArrowRight")
    narrow.wait_for_function("element => element.scrollLeft > 0", arg=region.element_handle())
