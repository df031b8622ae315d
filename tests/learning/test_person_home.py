"""A home for each person (issue 17, item 1): signing in lands on "Your groups", which lists what to do
next in each group as a task list, and the group's dashboard leads with the same list.

The people and groups are built once for the module (rolled back at its end, each test in a savepoint);
the tests only read, apart from signing in.
"""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from learning.models import CompletionRule, Invitation, Role, StepStatus
from learning.services import progress
from learning.services.progress import record_step_status
from tests.learning.factories import (
    assign_facilitator,
    keep_evidence,
    make_group,
    make_pathway,
    make_person,
    steps_of,
)

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


class Home:
    """The module's people and groups."""


def build_home():
    h = Home()
    # Step 2 needs the coordinator's confirmation, step 3 a facilitator's verification.
    h.pathway = make_pathway(
        stages=1,
        steps_per_stage=4,
        rules={1: CompletionRule.COORDINATOR, 2: CompletionRule.FACILITATOR},
        title="Getting organised",
    )
    h.steps = steps_of(h.pathway)
    h.group = make_group(members=1, name="Riverside Tenants Together")
    h.coordinator, h.member = h.group.coordinator, h.group.people[0]
    h.facilitator = assign_facilitator(h.group)
    progress.enrol(group=h.group, pathway=h.pathway, by=h.coordinator)
    progress.mark_done(group=h.group, step=h.steps[0], by=h.member)
    progress.mark_done(group=h.group, step=h.steps[1], by=h.member)  # waits for the coordinator
    progress.mark_done(group=h.group, step=h.steps[2], by=h.member)  # waits for a facilitator
    h.invitation = Invitation.objects.create(
        group=h.group, role=Role.MEMBER, label="Mary from the lunch club", created_by=h.coordinator
    )
    today = timezone.localdate()
    h.insurance = keep_evidence(
        h.group,
        h.member,
        "Public liability insurance",
        with_file=False,
        evidence_type="insurance",
        valid_until=today + timedelta(days=10),
    )
    # Out of date, but a newer copy of the same type has been added since: nothing to do.
    keep_evidence(h.group, h.member, "Old policy", with_file=False, evidence_type="safeguarding", valid_until=today)
    keep_evidence(h.group, h.member, "New policy", with_file=False, evidence_type="safeguarding")

    # A group of its own for another person, with the same pathway and a step waiting to be confirmed.
    h.other_group = make_group(members=1, name="Birch Lane Residents")
    h.other = h.other_group.people[0]
    progress.enrol(group=h.other_group, pathway=h.pathway, by=h.other_group.coordinator)
    progress.mark_done(group=h.other_group, step=h.steps[0], by=h.other)
    progress.mark_done(group=h.other_group, step=h.steps[1], by=h.other)

    # A coordinator's second group, just started: no pathway and nobody invited yet.
    h.new_group = make_group(coordinator=h.coordinator, name="Allotment Friends")
    h.newcomer = make_person(email="newcomer@example.org")
    return h


@pytest.fixture(scope="module")
def home(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_home()
        transaction.set_rollback(True)


def page_of(client, person, url=None):
    client.force_login(person)
    response = client.get(url or reverse("learning:group_list"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def task_items(container):
    """Each task list item as (name, link or None, status) in the order shown."""
    items = []
    for li in container.select("li.task-list__item"):
        link = li.select_one("a.task-list__link")
        name = (link or li.select_one(".task-list__name")).get_text(" ", strip=True)
        status = li.select_one(".task-list__status").get_text(" ", strip=True)
        items.append((name, link["href"] if link else None, status))
    return items


def group_section(soup, group):
    return soup.find(id=f"group-{group.pk}").find_parent("section")


def step_link(step, group):
    return f"{step.url}?group={group.slug}"


# --- What each role sees ------------------------------------------------------------------------------


def test_a_coordinator_sees_each_groups_next_things_with_links_and_statuses(client, home):
    soup = page_of(client, home.coordinator)
    items = task_items(group_section(soup, home.group))
    members_url = reverse("learning:members", args=[home.group.slug])
    assert items == [
        (f"Confirm “{home.steps[1].title}”", step_link(home.steps[1], home.group), "Not started"),
        (home.steps[3].title, step_link(home.steps[3], home.group), "Not started"),
        (
            "Add a new copy of “Public liability insurance”",
            reverse("learning:evidence_add", args=[home.group.slug]),
            "Runs out soon",
        ),
        (
            f"{home.steps[2].title}",
            step_link(home.steps[2], home.group),
            "Waiting for the facilitator",
        ),
        (
            "Send the invitation link for Mary from the lunch club",
            f"{members_url}#invitation-{home.invitation.pk}",
            "Waiting to be used",
        ),
    ]
    # The next step names its pathway; the old safeguarding policy has a newer copy, so it is not listed.
    section = group_section(soup, home.group).get_text(" ", strip=True)
    assert "Next step in Getting organised" in section
    assert "Old policy" not in section and "New policy" not in section
    # The new group: choose a first pathway and invite people, each linking to where it is done.
    assert task_items(group_section(soup, home.new_group)) == [
        ("Invite the people you work with", reverse("learning:members", args=[home.new_group.slug]), "Not started"),
        (
            "Choose your group's first pathway",
            reverse("learning:group_dashboard", args=[home.new_group.slug]) + "#enrol-pathway",
            "Not started",
        ),
    ]
    assert "You are a coordinator" in group_section(soup, home.new_group).get_text()


def test_a_member_gets_no_coordinator_items(client, home):
    soup = page_of(client, home.member)
    items = task_items(group_section(soup, home.group))
    assert items == [
        (home.steps[3].title, step_link(home.steps[3], home.group), "Not started"),
        (
            "Add a new copy of “Public liability insurance”",
            reverse("learning:evidence_add", args=[home.group.slug]),
            "Runs out soon",
        ),
        (home.steps[1].title, step_link(home.steps[1], home.group), "Waiting for the coordinator"),
        (home.steps[2].title, step_link(home.steps[2], home.group), "Waiting for the facilitator"),
    ]
    text = soup.get_text(" ", strip=True)
    assert "Confirm" not in text and "invitation link for" not in text and "Choose your group" not in text
    assert "Allotment Friends" not in text and "Birch Lane Residents" not in text


def test_a_facilitator_sees_the_steps_waiting_for_them_only(client, home):
    soup = page_of(client, home.facilitator)
    assert "Groups you support as a facilitator" in soup.get_text()
    assert task_items(group_section(soup, home.group)) == [
        (f"Verify “{home.steps[2].title}”", step_link(home.steps[2], home.group), "Not started"),
    ]


def test_another_groups_items_never_appear(client, home):
    soup = page_of(client, home.other)
    text = soup.get_text(" ", strip=True)
    assert "Riverside Tenants Together" not in text and "Mary from the lunch club" not in text
    assert "Public liability insurance" not in text
    assert task_items(group_section(soup, home.other_group)) == [
        (home.steps[2].title, step_link(home.steps[2], home.other_group), "Not started"),
        (home.steps[1].title, step_link(home.steps[1], home.other_group), "Waiting for the coordinator"),
    ]


def test_someone_with_no_group_reads_the_two_ways_in(client, home):
    soup = page_of(client, home.newcomer)
    text = soup.get_text(" ", strip=True)
    assert "Two ways into a group" in text
    assert "If your group is new to the Hub, start it here: you become its coordinator and invite the others." in text
    assert "If your group already uses the Hub, ask its coordinator for an invitation link and open it to join." in text
    start = soup.find("a", string="Start a new group")
    assert start["href"] == reverse("learning:group_create")
    assert not soup.select("li.task-list__item")


def test_each_item_is_a_link_described_by_its_hint_and_status(client, home):
    soup = page_of(client, home.coordinator)
    for li in soup.select("li.task-list__item--with-link"):
        link = li.select_one("a.task-list__link")
        described = link["aria-describedby"].split()
        assert described[-1] == li.select_one(".task-list__status")["id"]
        assert all(soup.find(id=target) for target in described)
    ids = [tag["id"] for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids))


# --- The dashboard leads with the same list -----------------------------------------------------------


def test_the_dashboard_leads_with_the_same_list(client, home):
    home_items = task_items(group_section(page_of(client, home.coordinator), home.group))
    dashboard = page_of(client, home.coordinator, home.group.get_absolute_url())
    heading = dashboard.find("h2", string="What to do next")
    assert heading is not None
    assert heading.find_next("h2").get_text(strip=True) == "Your pathways"
    assert task_items(dashboard.find(id="tasks")) == home_items


def test_the_dashboard_list_is_the_persons_own(client, home):
    dashboard = page_of(client, home.member, home.group.get_absolute_url())
    names = [name for name, _link, _status in task_items(dashboard.find(id="tasks"))]
    assert names == [home.steps[3].title, "Add a new copy of “Public liability insurance”"] + [
        home.steps[1].title,
        home.steps[2].title,
    ]


# --- Signing in lands on the home; an explicit next wins -------------------------------------------


def test_signing_in_lands_on_the_home(client, home):
    response = client.post(reverse("accounts:login"), {"username": home.member.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("learning:group_list")
    assert "What to do next" in client.get(response["Location"]).content.decode()


def test_an_explicit_next_still_wins(client, home):
    wanted = home.group.get_absolute_url()
    response = client.post(
        reverse("accounts:login") + f"?next={wanted}", {"username": home.member.email, "password": PASSWORD}
    )
    assert response["Location"] == wanted


def test_a_next_to_another_site_is_ignored(client, home):
    response = client.post(
        reverse("accounts:login"),
        {"username": home.member.email, "password": PASSWORD, "next": "https://evil.example/groups/"},
    )
    assert response["Location"] == reverse("learning:group_list")


def test_a_step_status_change_shows_at_once(client, home):
    record_step_status(group=home.group, step=home.steps[1], status=StepStatus.DONE, by=home.coordinator)
    names = [name for name, _link, _status in task_items(group_section(page_of(client, home.member), home.group))]
    assert home.steps[1].title not in names
