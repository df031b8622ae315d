"""As the demo funder: portfolio, a shared group, post a review; then as the demo coordinator: read it.
Zero axe violations on every page on the way."""

import pytest

from .conftest import sign_in
from .crawler import check_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

GROUP = "Riverside Tenants Together"
FEEDBACK = "Your committee meets every month and keeps good minutes. Next, renew the insurance."


def assert_accessible(page, where):
    assert check_page(page) == [], where


def test_funder_reviews_a_group_and_the_coordinator_reads_it(page, live_server, demo_accounts, settings):
    from learning.readiness.models import ReadinessReview

    before = ReadinessReview.objects.count()
    sign_in(page, live_server.url, "funder@example.org", settings.DEMO_PASSWORD)
    page.goto(live_server.url + "/funders/")
    assert page.get_by_role("heading", level=1).inner_text().strip()
    assert_accessible(page, "portfolio")

    page.get_by_role("link", name=GROUP).first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().strip() == GROUP
    assert_accessible(page, "funder group page")

    # Keep every suggested rating (so no reason is needed) and give a decision and feedback.
    page.get_by_label("Ready with conditions").check()
    page.get_by_label("Feedback for the group").fill(FEEDBACK)
    page.get_by_role("button", name="Post the review").click()
    page.wait_for_load_state()
    assert page.get_by_text("Your review is posted.").is_visible()
    assert_accessible(page, "funder group page after posting")
    assert ReadinessReview.objects.count() == before + 1

    page.context.clear_cookies()
    sign_in(page, live_server.url, "coordinator@example.org", settings.DEMO_PASSWORD)
    page.goto(live_server.url + "/groups/")
    page.get_by_role("link", name=GROUP, exact=True).click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Readiness, evidence and sharing with funders").click()
    page.wait_for_load_state()
    assert_accessible(page, "readiness profile")
    page.get_by_role("link", name="Funder reviews").first.click()
    page.wait_for_load_state()
    assert_accessible(page, "funder reviews")
    assert page.get_by_text("Ready with conditions").first.is_visible()
    page.locator(".card-list .card h2 a").first.click()
    page.wait_for_load_state()
    assert page.get_by_text(FEEDBACK).is_visible()
    assert_accessible(page, "the review")
