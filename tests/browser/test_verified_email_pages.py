"""The pages of verified email and safe invitations (issue 12, items 1 and 2) in a real browser: zero axe violations.

The crawl signs in only as the demo accounts, which are confirmed and see no invitation links, so
the pages an unconfirmed person meets, "check your email" and the members page with links on it are
visited here.
"""

import pytest
from django.contrib.auth import get_user_model

from learning.models import Membership, Role
from learning.services import groups as group_services

from .conftest import sign_in
from .crawler import check_page

# Transactional (the live server runs in another thread) and restoring the migrations' data afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-test-password"


def coordinators_group():
    membership = (
        Membership.objects.active()
        .filter(user__email="coordinator@example.org", role=Role.COORDINATOR, group__closed_at__isnull=True)
        .select_related("group", "user")
        .first()
    )
    return membership.group, membership.user


def test_the_pages_of_an_unconfirmed_person_are_accessible(page, live_server, demo_accounts):
    group, coordinator = coordinators_group()
    invitation = group_services.create_invitation(group=group, role=Role.MEMBER, by=coordinator)
    get_user_model().objects.create_user(
        email="unconfirmed@example.org", password=PASSWORD, display_name="Una", email_confirmed_at=None
    )
    sign_in(page, live_server.url, "unconfirmed@example.org", PASSWORD)

    for path in ["/groups/new/", "/stories/new/", invitation.get_absolute_url()]:
        page.goto(live_server.url + path)
        assert page.get_by_role("heading", name="Confirm your email address first").is_visible(), path
        assert check_page(page) == [], path

    page.get_by_role("button", name="Send me a new link").click()
    page.wait_for_load_state()
    assert page.url == live_server.url + invitation.get_absolute_url()
    assert check_page(page) == []


def test_check_your_email_and_the_members_page_with_links_are_accessible(page, live_server, demo_accounts, settings):
    page.goto(live_server.url + "/accounts/sign-up/check-your-email/")
    assert page.get_by_role("heading", name="Check your email").is_visible()
    assert check_page(page) == []

    group, coordinator = coordinators_group()
    group_services.create_invitation(group=group, role=Role.MEMBER, by=coordinator)
    group_services.create_invitation(group=group, role=Role.COORDINATOR, email="next.lead@example.org", by=coordinator)
    sign_in(page, live_server.url, coordinator.email, settings.DEMO_PASSWORD)
    members = f"{live_server.url}/groups/{group.slug}/members/"
    page.goto(members)
    assert page.get_by_text("only for next.lead@example.org").is_visible()
    assert page.get_by_text(f"Made by {coordinator.get_display_name()} on").first.is_visible()
    assert check_page(page) == []

    # A coordinator link without an address: the form comes back with the problem beside the field.
    page.get_by_label("Coordinator", exact=True).check()
    page.get_by_role("button", name="Make an invitation link").click()
    page.wait_for_load_state()
    assert page.get_by_text("a coordinator link works only for them").first.is_visible()
    assert check_page(page) == []
