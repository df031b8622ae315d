"""Pages of "people and their data" (issue 12) that the crawl, signed in as the demo accounts, never
meets: "too many tries" (429), a person's data download once it is ready, "sign out everywhere" and
the sign-in page that says why, and the staff page that reopens a closed group. Zero axe violations.

No demo content is needed: each test makes the few rows it uses, on the site the migrations make.
"""

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.learning.factories import make_group, make_person

from .conftest import sign_in
from .crawler import check_page

# Transactional (the live server runs in another thread) and restoring the migrations' data afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-test-password"


def test_too_many_tries_page_is_accessible_and_says_when_to_come_back(page, live_server, settings):
    settings.RATELIMIT_ENABLE = True
    settings.ACCOUNTS_SIGN_UP_RATE = "1/h"
    cache.clear()
    for attempt in range(2):
        page.goto(f"{live_server.url}/accounts/sign-up/")
        page.get_by_label("Email address").fill(f"newcomer{attempt}@example.org")
        page.get_by_role("button", name="Create account").click()
        page.wait_for_load_state()

    assert page.get_by_role("heading", name="Too many tries from here").is_visible()
    assert check_page(page) == []
    cache.clear()


def test_a_ready_data_download_and_signing_out_everywhere_are_accessible(page, live_server):
    person = make_person(email="rowan@example.org")
    make_group(coordinator=person, name="Rowan's Allotment Group")
    sign_in(page, live_server.url, person.email, PASSWORD)

    page.goto(f"{live_server.url}/accounts/data/")
    page.get_by_role("button", name="Prepare my download").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Download the zip file").is_visible()
    assert check_page(page) == []

    page.goto(f"{live_server.url}/accounts/")
    page.get_by_role("button", name="Sign out everywhere").click()
    page.wait_for_load_state()
    assert "/accounts/sign-in/" in page.url
    assert page.get_by_text("You are signed out on every device").is_visible()
    assert check_page(page) == []


def test_the_page_that_reopens_a_closed_group_is_accessible(page, live_server):
    staff = make_person(email="staff@example.org", is_staff=True, is_superuser=True)
    group = make_group(name="Harbour Lights Residents")
    group.closed_at = timezone.now()
    group.save(update_fields=["closed_at"])
    sign_in(page, live_server.url, staff.email, PASSWORD)

    page.goto(f"{live_server.url}/groups/{group.slug}/reopen/")
    assert page.get_by_role("heading", name="Open Harbour Lights Residents again?").is_visible()
    assert check_page(page) == []
