"""The partners walk on a phone with JavaScript off, at 390px, with zero axe violations on every page: the group
records a participation request and invites the officer; the officer accepts, records the decision and a
commitment; the group marks it kept and publishes the summary, which a visitor reads."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from .test_walkthroughs import RIVERSIDE, walk  # noqa: F401 (the fixture used below)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

OFFICER_PASSWORD = "a-long-officer-password-3"


def test_a_participation_request_from_recording_to_the_public_summary(walk, demo_accounts, settings):  # noqa: F811
    today = timezone.localdate().isoformat()
    officer_email = "housing.officer@example.org"
    get_user_model().objects.create_user(
        email=officer_email, password=OFFICER_PASSWORD, display_name="Hamish Housing", email_confirmed_at=timezone.now()
    )

    group = walk()
    group.sign_in("coordinator@example.org", settings.DEMO_PASSWORD)
    group.go("/groups/")
    group.follow(RIVERSIDE, exact=True)
    group.follow("Public bodies: your asks and their commitments")
    group.sees("Repairs in the Riverside flats", "Overdue commitment")
    group.follow("Record an ask")
    page = group.page
    page.get_by_label("Public body").select_option(label="Glasgow City Council")
    page.get_by_label("Short title").fill("Safer stairwells")
    page.get_by_label("The issue, in your own words").fill("The stairwell lights fail every winter.")
    page.get_by_label("The outcome you want to improve").fill("People feel safe on the stairs at night.")
    page.get_by_label("A participation request (Community Empowerment (Scotland) Act 2015)").check()
    page.get_by_label("Date you sent it").fill(today)
    page.get_by_label("Email").check()
    group.press("Save the ask")
    group.sees("Your ask of Glasgow City Council is recorded.", "Safer stairwells")
    ask_path = group.path

    group.go(ask_path.split("asks/")[0] + "officers/")
    page.get_by_label("Public body").select_option(label="Glasgow City Council")
    page.get_by_label("Officer's name").fill("Hamish Housing")
    page.get_by_label("Officer's work email address").fill(officer_email)
    group.press("Invite and share")
    group.sees("Send Hamish Housing the invitation link below.")
    link = re.search(r"/partners/join/[^/\s]+/", group.text()).group(0)

    officer = walk()
    officer.sign_in(officer_email, OFFICER_PASSWORD)
    officer.go(link)
    officer.sees(f"{RIVERSIDE} invites you to be its contact at Glasgow City Council.")
    officer.press("Accept the invitation")
    officer.sees(f"You are now {RIVERSIDE}'s partner contact.")
    officer.follow("Safer stairwells")
    for _stage in ("acknowledged", "validated"):
        officer.page.locator("#id_happened_on").fill(today)
        officer.press("Record this stage")
    officer.page.locator("#id_happened_on").fill(today)
    officer.page.get_by_label("Agreed", exact=True).check()
    officer.page.get_by_label("Reasons or notes").fill("We will work with the tenants on this.")
    officer.press("Record this stage")
    officer.sees("Recorded: Decision notice received.", "Recorded by the partner officer")
    officer.page.get_by_label("What the public body agreed to do").fill("Replace every stairwell light")
    officer.page.get_by_label("By when").fill(today)
    officer.page.get_by_label("Who owns it").fill("Repairs team")
    officer.press("Save the commitment")
    officer.sees("The commitment is recorded.", "Replace every stairwell light")

    group.go(ask_path)
    group.sees("Replace every stairwell light", "Recorded by the partner officer")
    group.page.get_by_label("Kept", exact=True).check()
    group.page.get_by_label("Why?").fill("Every light works now.")
    group.press("Save")
    group.sees("Marked: Kept.")
    group.page.get_by_label("Your one-line comment").fill("The council listened and acted.")
    group.press("Publish the summary")
    group.sees("The summary is now public.")
    public_path = group.page.locator("main").get_by_role("link", name="See the public page").get_attribute("href")

    visitor = walk()
    visitor.go(public_path)
    visitor.sees("Safer stairwells", "Replace every stairwell light", "kept", "The council listened and acted.")
    assert "The stairwell lights fail every winter." not in visitor.text()
