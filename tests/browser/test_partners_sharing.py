"""Sharing asks and commitments with a funder, and a featured summary beside a case study, on a phone with
JavaScript off, at 390px, with zero axe violations on every page (issue 18, items 6 and 7).

The coordinator ticks "Asks of public bodies and commitments" for the funder; the funder's reviewer sees the
group's ask; the coordinator stops sharing and the reviewer no longer does. A visitor reads a published summary
an editor featured on a case study.
"""

import pytest

from learning.models import CommunityGroup
from learning.partners.models import Ask, FeaturedSummary
from learning.partners.services import asks
from resources.models import CaseStudyPage

from .test_walkthroughs import RIVERSIDE, Walk, walk  # noqa: F401 (the fixture used below)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FUNDER = "Community Futures Fund"
ASK = "Repairs in the Riverside flats"


def test_the_coordinator_shares_asks_with_the_funder_and_stops(walk, demo_accounts, settings):  # noqa: F811
    riverside = CommunityGroup.objects.get(name=RIVERSIDE)
    funder_page = f"/funders/groups/{riverside.slug}/"

    funder = walk()
    funder.sign_in("funder@example.org", settings.DEMO_PASSWORD)
    funder.go(funder_page)
    funder.sees(RIVERSIDE)
    assert ASK not in funder.text()

    group = walk()
    group.sign_in("coordinator@example.org", settings.DEMO_PASSWORD)
    group.go(f"/groups/{riverside.slug}/sharing/")
    page = group.page
    page.get_by_label("Funder", exact=True).select_option(label=FUNDER)
    page.get_by_label("Pathway progress").check()
    page.get_by_label("Self-assessment").check()
    page.get_by_label("Asks of public bodies and commitments").check()
    group.press("Share")
    group.sees(f"{FUNDER} can now see what you chose to share.", "asks of public bodies and commitments")

    funder.go(funder_page)
    funder.sees(
        "Asks of public bodies and commitments", ASK, "Glasgow City Council", "What the public body committed to"
    )

    Walk.checked.discard(f"/groups/{riverside.slug}/sharing/")
    group.go(f"/groups/{riverside.slug}/sharing/")
    group.sees("Opened other records you share: asks of public bodies and commitments")
    group.follow(f"Stop sharing with {FUNDER}")
    group.press(f"Stop sharing with {FUNDER}")
    group.sees(f"{FUNDER} can no longer see your profile.")

    funder.go(funder_page)
    funder.sees("This group no longer shares its profile with you")
    assert ASK not in funder.text()


def test_a_visitor_reads_a_summary_featured_beside_a_case_study(walk, demo_accounts):  # noqa: F811
    riverside = CommunityGroup.objects.get(name=RIVERSIDE)
    ask = Ask.objects.get(group=riverside, title=ASK)
    asks.publish_ask(
        ask=ask, by=riverside.memberships.get(role="coordinator", left__isnull=True).user, comment="Slow going."
    )
    study = CaseStudyPage.objects.live().filter(locale__language_code="en-gb").order_by("path").first()
    study.featured_summaries = [FeaturedSummary(ask=ask)]
    study.save_revision().publish()

    visitor = walk()
    visitor.go(study.url)
    visitor.sees(
        "What groups asked of public bodies, and what was promised",
        ASK,
        f"{RIVERSIDE} asked Glasgow City Council",
        "Slow going.",
    )
    visitor.follow(f"Everything {RIVERSIDE} has published")
    visitor.sees(ASK)
