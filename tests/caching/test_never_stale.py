"""What signed-in pages keep between requests is never stale and never another group's (issue 14).

A person's places are read once per request, the readiness framework and the page addresses are kept
under the content version, and what a group's pages show is kept under the group's records version
(learning.group_versions): each test changes something the way the site does and looks at once.
"""

import uuid

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.log_actions import log

from learning.meetings import services as meeting_services
from learning.models import CommunityGroup, Membership, StepProgress
from learning.readiness import selectors as readiness_selectors
from learning.readiness.models import ReadinessDomain
from learning.services import evidence as evidence_services
from learning.services import groups as group_services
from learning.services import progress
from resources.content_version import kept_per_content_version
from tests.caching.conftest import page_as
from tests.learning.conftest import private_media  # noqa: F401 (evidence files in a temporary folder)
from tests.learning.factories import assign_facilitator, make_group, make_person
from tests.readiness.conftest import closed_round, make_domain

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept_content(settings, page_cache):
    """The framework and the visitor pages kept as on a live site (the test settings switch them off)."""
    settings.READINESS_FRAMEWORK_CACHE_SECONDS = 600


@pytest.fixture
def kept_groups(settings, kept_content):
    """What group pages show kept under the group's records version, as on a live site."""
    settings.LEARNING_GROUP_CACHE_SECONDS = 600
    settings.LEARNING_CONTENT_CACHE_SECONDS = 600


def step_page(client, person, step, group):
    return page_as(client, person, f"{step.url}?group={group.slug}")


def status_shown(html):
    return html.split('id="step-status">', 1)[1].split("<", 1)[0]


def test_a_step_one_member_marks_done_shows_at_once_for_another_member_and_never_another_group(
    client, enrolled, kept_groups
):
    _pathway, group, other, step = enrolled
    first, second = group.people
    assert status_shown(step_page(client, second, step, group)) == "Not started"
    assert status_shown(step_page(client, other.people[0], step, other)) == "Not started"

    client.force_login(first)
    response = client.post(reverse("learning:step_status", args=[group.slug, step.pk]), {"action": "done"})
    assert response.status_code == 302

    assert status_shown(step_page(client, second, step, group)) == "Done"
    assert status_shown(step_page(client, other.people[0], step, other)) == "Not started"
    assert not StepProgress.objects.filter(group=other).exists()


def test_a_member_removed_loses_the_group_on_their_next_request(client, enrolled):
    _pathway, group, _other, step = enrolled
    member = group.people[0]
    dashboard = reverse("learning:group_dashboard", args=[group.slug])
    client.force_login(member)
    assert client.get(dashboard).status_code == 200

    membership = Membership.objects.get(user=member, group=group, left__isnull=True)
    group_services.end_membership(membership=membership, by=group.coordinator)

    assert client.get(dashboard).status_code == 404
    assert "and this step" not in client.get(step.url).content.decode()
    status = client.post(reverse("learning:step_status", args=[group.slug, step.pk]), {"action": "done"})
    assert status.status_code == 404
    assert not StepProgress.objects.filter(group=group, step=step).exists()


def test_a_coordinator_made_a_member_cannot_manage_members_on_the_next_request(client, enrolled):
    _pathway, group, _other, _step = enrolled
    members_page = reverse("learning:members", args=[group.slug])
    second = make_person()
    Membership.objects.create(user=second, group=group, role="coordinator")
    client.force_login(second)
    assert client.get(members_page).status_code == 200

    membership = Membership.objects.get(user=second, group=group, left__isnull=True)
    group_services.change_role(membership=membership, role="member", by=group.coordinator)

    assert client.get(members_page).status_code == 403


def test_a_facilitator_whose_assignment_ended_loses_the_group_at_once(client, enrolled):
    _pathway, group, _other, _step = enrolled
    facilitator = assign_facilitator(group)
    dashboard = reverse("learning:group_dashboard", args=[group.slug])
    client.force_login(facilitator)
    assert client.get(dashboard).status_code == 200

    assignment = facilitator.facilitator_assignments.get(group=group)
    group_services.end_facilitation(assignment=assignment, by=group.coordinator)

    assert client.get(dashboard).status_code == 404


def test_an_editors_change_to_the_framework_shows_at_once(client, enrolled, kept_content):
    _pathway, group, _other, step = enrolled
    domain = make_domain("Working together", 1, steps=[step])
    profile = reverse("readiness:profile", args=[group.slug])
    client.force_login(group.people[0])
    assert "Working together" in client.get(profile).content.decode()
    assert "Working together" in client.get(profile).content.decode()  # the second answer from the cache

    # What the snippet's edit view does: save, then log the edit (which moves the content version on).
    ReadinessDomain.objects.filter(pk=domain.pk).update(name="Working as equals")
    log(ReadinessDomain.objects.get(pk=domain.pk), "wagtail.edit")

    html = client.get(profile).content.decode()
    assert "Working as equals" in html
    assert "Working together" not in html


def test_the_framework_is_kept_for_each_language_apart(kept_content):
    calls = []

    @kept_per_content_version("test-language", seconds=lambda: 600)
    def names():
        calls.append(translation.get_language())
        return f"names in {translation.get_language()}"

    with translation.override("en-gb"):
        assert names() == "names in en-gb"
        assert names() == "names in en-gb"
    with translation.override("gd"):
        assert names() == "names in gd"
    assert calls == ["en-gb", "gd"]


def test_the_framework_is_read_once_while_nothing_changes(kept_content, django_assert_num_queries):
    make_domain("Working together", 1)
    readiness_selectors.framework()
    # Only the content version is asked; the framework's own five queries are not.
    with django_assert_num_queries(1):
        domains = readiness_selectors.framework()
    assert [domain.name for domain in domains] == ["Working together"]


def test_a_kept_answer_is_reused_by_the_process_until_the_cache_lets_it_go(kept_content):
    calls = []

    @kept_per_content_version("test-process", seconds=lambda: 600)
    def areas():
        calls.append(1)
        return ["Working together", "Money"]

    first = areas()
    # The same object, not a copy unpickled again: the process keeps what the cache holds.
    assert areas() is first
    assert calls == [1]
    cache.clear()
    assert areas() == ["Working together", "Money"]
    assert calls == [1, 1]


# --- What a group's pages keep under its records version ---------------------------------------------


def dashboard_of(client, person, group):
    return page_as(client, person, reverse("learning:group_dashboard", args=[group.slug]))


def test_a_step_done_shows_at_once_on_the_dashboard_pathway_and_home_of_another_member_only_in_that_group(
    client, enrolled, kept_groups
):
    pathway, group, other, step = enrolled
    first, second = group.people
    outsider = other.people[0]
    pathway_url = f"{pathway.url}?group={group.slug}"
    home = reverse("learning:group_list")
    for _twice in range(2):  # the second answers come from the cache
        assert "0 of 2 steps" in dashboard_of(client, second, group)
        assert "0 of 2 steps" in page_as(client, second, pathway_url)
        assert "Step 1.1" in page_as(client, second, home)
        assert "0 of 2 steps" in dashboard_of(client, outsider, other)

    progress.mark_done(group=group, step=step, by=first)

    assert "1 of 2 steps" in dashboard_of(client, second, group)
    assert "1 of 2 steps" in page_as(client, second, pathway_url)
    home_html = page_as(client, second, home)
    assert "Step 1.2" in home_html and "Step 1.1" not in home_html
    assert "0 of 2 steps" in dashboard_of(client, outsider, other)
    assert "0 of 2 steps" in page_as(client, outsider, f"{pathway.url}?group={other.slug}")


def test_two_groups_never_share_what_is_kept(client, enrolled, kept_groups):
    _pathway, group, other, _step = enrolled
    # Both groups start at the same version number, with the same pathway and the same steps.
    CommunityGroup.objects.filter(pk__in=[group.pk, other.pk]).update(records_version=7)
    group_html = dashboard_of(client, group.coordinator, group)
    other_html = dashboard_of(client, other.coordinator, other)
    assert group.people[0].get_display_name() in group_html
    assert group.people[0].get_display_name() not in other_html
    assert other.people[0].get_display_name() in other_html


def test_a_coordinators_view_and_a_members_never_share_an_entry(client, kept_groups):
    group = make_group(members=1, name="Willow Court")
    member = group.people[0]
    first_pathway = "Choose your group&#x27;s first pathway"
    assert first_pathway in dashboard_of(client, group.coordinator, group)
    assert first_pathway not in dashboard_of(client, member, group)
    # And the other way round, the member's view kept first.
    cache.clear()
    assert first_pathway not in dashboard_of(client, member, group)
    assert first_pathway in dashboard_of(client, group.coordinator, group)


def test_a_role_change_shows_at_once(client, kept_groups):
    group = make_group(members=2, name="Willow Court")
    member, other_member = group.people
    first_pathway = "Choose your group&#x27;s first pathway"
    assert first_pathway not in dashboard_of(client, member, group)
    assert dashboard_of(client, other_member, group).count(">Coordinator<") == 1

    membership = Membership.objects.get(user=member, group=group, left__isnull=True)
    group_services.change_role(membership=membership, role="coordinator", by=group.coordinator)

    assert first_pathway in dashboard_of(client, member, group)
    assert dashboard_of(client, other_member, group).count(">Coordinator<") == 2


def test_a_member_leaving_and_an_assignment_ended_show_at_once_for_the_others(client, enrolled, kept_groups):
    _pathway, group, _other, _step = enrolled
    leaving, staying = group.people
    facilitator = assign_facilitator(group)
    listed = f"<li>{leaving.get_display_name()}</li>"
    facilitating = f"<li>{facilitator.get_display_name()} <span"
    html = dashboard_of(client, staying, group)
    assert listed in html and facilitating in html

    group_services.end_membership(membership=Membership.objects.get(user=leaving, group=group), by=leaving)
    html = dashboard_of(client, staying, group)
    assert listed not in html
    assert "left the group" in html

    assignment = facilitator.facilitator_assignments.get(group=group)
    group_services.end_facilitation(assignment=assignment, by=group.coordinator)
    assert facilitating not in dashboard_of(client, staying, group)


def test_evidence_added_shows_at_once_on_the_step_and_the_dashboard(client, enrolled, kept_groups):
    _pathway, group, other, step = enrolled
    member = group.people[0]
    assert "Evidence library (0 items)" in dashboard_of(client, member, group)
    assert "Minutes of our first meeting" not in step_page(client, member, step, group)

    evidence_services.add_evidence(
        group=group,
        by=member,
        step=step,
        evidence_type="other",
        title="Minutes of our first meeting",
        note="In the folder.",
    )

    assert "Evidence library (1 item)" in dashboard_of(client, member, group)
    assert "Minutes of our first meeting" in step_page(client, member, step, group)
    assert "Minutes of our first meeting" not in step_page(client, other.people[0], step, other)


def test_a_meeting_recorded_shows_its_actions_at_once_on_the_dashboard_and_home(client, enrolled, kept_groups):
    _pathway, group, other, _step = enrolled
    member = group.people[0]
    home = reverse("learning:group_list")
    assert "Book the hall" not in dashboard_of(client, member, group)
    assert "Book the hall" not in page_as(client, member, home)

    meeting_services.record_meeting(
        group=group,
        by=group.coordinator,
        token=uuid.uuid4(),
        held_on=timezone.localdate(),
        place="The hall",
        attendees=[member],
        actions=[{"text": "Book the hall", "owner": member, "owner_name": "", "due_on": timezone.localdate()}],
    )

    assert "Book the hall" in dashboard_of(client, member, group)
    assert "Book the hall" in page_as(client, member, home)
    assert "Book the hall" not in dashboard_of(client, other.people[0], other)


def test_a_readiness_round_closed_shows_at_once_on_the_profile(client, enrolled, kept_groups):
    _pathway, group, _other, _step = enrolled
    domain = make_domain("Working together", 1)
    profile = reverse("readiness:profile", args=[group.slug])
    strengths = "We share the load fairly."
    assert strengths not in page_as(client, group.people[0], profile)
    assert strengths not in page_as(client, group.people[0], profile)

    closed_round(group, group.coordinator, {domain: 3}, strengths=strengths)

    assert strengths in page_as(client, group.people[0], profile)
