"""As the demo coordinator: home page to a step, mark it done, add a reflection, see the dashboard
percent change, with zero axe violations on every page on the way."""

import re

import pytest

from .conftest import sign_in
from .crawler import check_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def percent_on(page):
    text = page.locator(".progress-text").first.inner_text()
    return int(re.match(r"(\d+)%", text).group(1))


def assert_accessible(page, where):
    assert check_page(page) == [], where


def test_coordinator_marks_a_step_done_and_reflects(page, live_server, demo_accounts, settings):
    sign_in(page, live_server.url, "coordinator@example.org", settings.DEMO_PASSWORD)
    page.goto(live_server.url + "/")
    assert_accessible(page, "home")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Pathways").click()
    page.wait_for_load_state()
    assert_accessible(page, "pathway index")

    page.get_by_role("link", name="Ready to co-produce").first.click()
    page.wait_for_load_state()
    assert_accessible(page, "pathway page")
    before = percent_on(page)

    page.get_by_role("link", name="Safeguarding basics").click()
    page.wait_for_load_state()
    assert_accessible(page, "step page")
    # The demo's recorded meeting (demo/meetings.py) started the group's next step.
    assert page.locator("#step-status").inner_text() == "In progress"

    page.get_by_role("button", name="Mark as done").click()
    page.wait_for_load_state()
    assert page.locator("#step-status").inner_text() == "Done"
    assert_accessible(page, "step page after marking done")

    page.get_by_label("Add a reflection").fill("We agreed Sam will be our safeguarding lead.")
    page.get_by_role("button", name="Add reflection").click()
    page.wait_for_load_state()
    assert page.get_by_text("We agreed Sam will be our safeguarding lead.").is_visible()
    assert_accessible(page, "step page after reflecting")

    page.get_by_role("link", name="Your groups").click()
    page.wait_for_load_state()
    assert_accessible(page, "your groups")
    page.get_by_role("link", name="Riverside Tenants Together", exact=True).click()
    page.wait_for_load_state()
    assert_accessible(page, "dashboard")
    after = percent_on(page)
    assert after > before, (before, after)
    assert page.get_by_text("marked a step done").first.is_visible()
