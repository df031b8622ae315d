"""The demo facilitator's caseload (issue 16, item 1) in a browser: reached from the header, read and used with
JavaScript off on a 390px phone (filter, then verify a step from the queue), and at 320px with zero axe
violations and nothing wider than the screen."""

import os

import pytest

from learning.models import StepProgress, StepStatus

from .conftest import sign_in
from .test_narrow_screens import check_all

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STALLED_GROUP = "Hillview Food Sharing"
# Set to a folder to keep the screenshots this test takes (for a person to look at).
SCREENSHOTS = os.environ.get("CASELOAD_SCREENSHOTS", "")


def test_the_facilitator_uses_the_caseload_on_a_phone_without_javascript(browser, live_server, demo_accounts, settings):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, live_server.url, "facilitator@example.org", settings.DEMO_PASSWORD)
        page.get_by_role("link", name="Your caseload", exact=True).first.click()
        page.wait_for_load_state()
        assert page.url.endswith("/facilitation/")
        main = page.locator("main").inner_text()
        assert "You support 3 groups." in main
        assert "1 has stalled." in main
        assert "Northfield Parents' Voice" in main and "valid until" in main
        if SCREENSHOTS:
            page.screenshot(path=os.path.join(SCREENSHOTS, "caseload-390.png"), full_page=True)

        # Only the stalled groups, by the plain GET form.
        page.get_by_label("Only groups that have stalled").check()
        page.get_by_role("button", name="Show groups").click()
        page.wait_for_load_state()
        assert "stalled=1" in page.url
        table = page.locator("table.caseload tbody").inner_text()
        assert STALLED_GROUP in table and "Riverside Tenants Together" not in table

        # Verify Hillview's bank account step from the queue.
        page.get_by_label("Open a bank account").check()
        page.get_by_role("button", name="Verify the steps you ticked").click()
        page.wait_for_load_state()
        assert "Verified 1 step." in page.locator(".messages").inner_text()
        assert "stalled=1" in page.url
        assert not StepProgress.objects.filter(
            group__name=STALLED_GROUP, status=StepStatus.AWAITING_VERIFICATION
        ).exists()
        assert "Nothing is waiting for you to verify in the groups shown." in page.locator("main").inner_text()
        if SCREENSHOTS:
            page.screenshot(path=os.path.join(SCREENSHOTS, "caseload-verified-390.png"), full_page=True)
    finally:
        context.close()


def test_the_caseload_fits_a_small_phone_with_no_axe_violations(narrow, live_server, demo_accounts, settings):
    sign_in(narrow, live_server.url, "facilitator@example.org", settings.DEMO_PASSWORD)
    assert check_all(narrow, live_server.url, ["/facilitation/", "/facilitation/?stalled=1&sort=activity"]) == {}
