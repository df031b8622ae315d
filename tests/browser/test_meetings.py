"""The coordinator records a meeting on a phone 390px wide with JavaScript off, and the action agreed at it
waits on the group's dashboard until it is marked done; a member who came corrects the minutes and the
coordinator accepts it (issue 16, item 2). Every page reached is checked once with axe and for
nothing wider than the screen, as the walkthroughs do."""

from datetime import timedelta

import pytest
from django.utils import timezone

from .test_walkthroughs import Walk, walk  # noqa: F401 (the fixture this test uses)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_coordinator_records_a_meeting_and_its_action_waits_on_the_dashboard(walk, demo_accounts, settings):  # noqa: F811
    coordinator = walk()
    coordinator.sign_in("coordinator@example.org", settings.DEMO_PASSWORD)
    coordinator.go("/groups/riverside-tenants-together/")
    coordinator.follow("Meetings, minutes and actions")
    coordinator.sees("Meetings", "Record a meeting")
    coordinator.follow("Record a meeting")

    # The stage first, as in its printed meeting pack: its steps come up without any script.
    stage = coordinator.page.get_by_label("Stage", exact=True)
    stage.select_option(index=1)
    chosen = stage.locator("option:checked").inner_text()
    coordinator.press("Show this stage's steps")
    coordinator.sees(f"3. Steps in {chosen}")

    page = coordinator.page
    page.get_by_label("Date of the meeting").fill((timezone.localdate() - timedelta(days=1)).isoformat())
    page.get_by_label("Where you met (optional)").fill("The community flat")
    page.get_by_label("Morgan Member").check()
    page.get_by_label("How many others came who have no account").fill("3")
    first_step = page.locator("select[name^='step_']").first
    first_step.select_option(label="Started, not finished")
    page.get_by_label("What you decided (optional)").fill("We agreed to invite the housing officer.")
    page.locator("#id_actions-0-text").fill("Phone the housing officer")
    page.locator("#id_actions-0-owner").select_option(label="Morgan Member")
    page.locator("#id_actions-0-due_on").fill((timezone.localdate() + timedelta(days=7)).isoformat())
    coordinator.press("Record the meeting")
    coordinator.sees(
        "The meeting is recorded.", "We agreed to invite the housing officer.", "Phone the housing officer"
    )

    meeting_path = coordinator.path
    coordinator.go("/groups/riverside-tenants-together/")
    coordinator.sees("Phone the housing officer", "Who: Morgan Member")

    # Morgan was there: she proposes a correction, and the coordinator accepts it; the first wording stays.
    member = walk()
    member.sign_in("member@example.org", settings.DEMO_PASSWORD)
    member.go(meeting_path)
    member.follow("Propose a correction to the minutes")
    member.page.get_by_label("The decisions as they should read").fill("We agreed to invite the housing manager.")
    member.page.get_by_label("What was wrong (optional)").fill("It was the manager.")
    member.press("Send the correction")
    member.sees("Your correction is sent to the coordinator")

    coordinator.go(meeting_path)
    coordinator.press("Accept this correction")
    coordinator.sees("The correction is accepted.", "We agreed to invite the housing manager.", "Earlier versions")
    coordinator.press("Mark done")
    coordinator.sees("“Phone the housing officer” is marked done.")
    coordinator.go("/groups/riverside-tenants-together/")
    assert "Phone the housing officer" not in coordinator.text()
