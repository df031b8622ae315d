"""Funders find groups by name or place, only among groups that chose to be findable (issue 17, item 6).

A typo or a group that is not findable reads "No findable group matches…", never "its coordinator has
been asked"; the funder follows their own requests on a list of their own; the coordinator switches
being findable on and off from the sharing page.
"""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from learning.models import CommunityGroup
from learning.readiness.models import RequestStatus, ShareRequest
from learning.readiness.services import sharing
from tests.learning.factories import make_group
from tests.once import built_once, fresh_copy

from .conftest import build_world, share

pytestmark = pytest.mark.django_db


def findable(group, on=True):
    CommunityGroup.objects.filter(pk=group.pk).update(findable=on)


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The readiness world plus two findable groups, built once for this module and rolled back after it."""
    with built_once(django_db_blocker, tmp_path_factory):
        w = build_world()
        w.riverside = make_group(name="Riverside Tenants Together")
        CommunityGroup.objects.filter(pk=w.riverside.pk).update(place="glasgow-city", findable=True)
        w.harbour = make_group(name="Harbour Lunch Club")
        CommunityGroup.objects.filter(pk=w.harbour.pk).update(place="fife", findable=True)
        yield w


@pytest.fixture
def world(db, _built):
    return fresh_copy(_built)


def search(client, query):
    return client.get(reverse("readiness:ask_to_share"), {"q": query}).content.decode()


def ask(client, group, query="Riverside", message="We fund tenants' groups."):
    return client.post(reverse("readiness:ask_to_share"), {"q": query, "group": group.pk, "message": message})


# --- Finding -------------------------------------------------------------------------------------------


def test_a_funder_finds_a_findable_group_by_name(as_role, world):
    page = search(as_role("funder_a"), "riverside")
    assert "Groups matching “riverside”" in page
    assert "Riverside Tenants Together · Glasgow City" in page
    assert f'name="group" value="{world.riverside.pk}"' in page


def test_a_funder_finds_groups_by_the_place_they_work_in(as_role, world):
    page = search(as_role("funder_a"), "Fife")
    assert "Harbour Lunch Club · Fife" in page
    # Oak Street Neighbours works in Fife too, but has not chosen to be found.
    assert world.group.name not in page


def test_search_results_never_show_a_group_that_is_not_findable(as_role, world):
    closed = make_group(name="Closed Road Residents")
    CommunityGroup.objects.filter(pk=closed.pk).update(findable=True)
    CommunityGroup.objects.filter(pk=closed.pk).update(closed_at=world.round.closed_at)
    # "r" is in every group's name.
    page = search(as_role("funder_a"), "r")
    assert "Riverside Tenants Together" in page and "Harbour Lunch Club" in page
    for hidden in (world.group.name, world.other_group.name, "Closed Road Residents"):
        assert hidden not in page


def test_a_search_finding_many_groups_shows_the_first_twenty_and_says_so(as_role, world):
    CommunityGroup.objects.bulk_create(
        [CommunityGroup(name=f"Riverside Block {n:02}", slug=f"riverside-block-{n}", findable=True) for n in range(25)]
    )
    page = search(as_role("funder_a"), "Riverside")
    assert page.count('name="group" value=') == 20
    assert "These are the first 20 groups found. Type more of the name" in page


def test_a_typo_says_no_findable_group_matches_in_plain_words(as_role, world):
    page = search(as_role("funder_a"), "Rivreside")
    assert "No findable group matches “Rivreside”." in page
    assert "Check the spelling" in page
    assert "has been asked" not in page


def test_findable_off_hides_the_group_and_the_coordinator_switches_it_on(as_role, world):
    funder = as_role("funder_a")
    assert "No findable group matches “Oak Street”" in search(funder, "Oak Street")

    coordinator = as_role("coordinator")
    sharing_url = reverse("readiness:sharing", kwargs={"slug": world.group.slug})
    page = coordinator.get(sharing_url).content.decode()
    assert "Funders cannot find your group." in page
    response = coordinator.post(reverse("readiness:findable", kwargs={"slug": world.group.slug}), {"findable": "on"})
    assert response.status_code == 302 and response["Location"].endswith("/sharing/#findable")
    page = coordinator.get(sharing_url).content.decode()
    assert "Funders can now find your group by its name or place" in page
    assert "Stop funders finding our group" in page

    assert "Oak Street Neighbours · Fife" in search(as_role("funder_a"), "Oak Street")

    as_role("coordinator").post(reverse("readiness:findable", kwargs={"slug": world.group.slug}))
    assert not CommunityGroup.objects.get(pk=world.group.pk).findable
    assert "No findable group matches “Oak Street”" in search(as_role("funder_a"), "Oak Street")


def test_a_group_is_not_findable_until_its_coordinator_says_so(world):
    assert CommunityGroup._meta.get_field("findable").default is False
    assert make_group(name="Brand New Group").findable is False


def test_the_sharing_page_explains_being_findable_to_members_without_the_switch(as_role, world):
    page = as_role("member").get(reverse("readiness:sharing", kwargs={"slug": world.group.slug})).content.decode()
    assert "Letting funders find your group" in page and "Funders cannot find your group." in page
    assert "Let funders find our group" not in page


# --- Asking --------------------------------------------------------------------------------------------


def test_a_funder_asks_a_group_it_found_and_sees_the_request_waiting(
    as_role, world, django_capture_on_commit_callbacks
):
    client = as_role("funder_a")
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, world.riverside)
    assert response.status_code == 302
    assert response["Location"] == reverse("readiness:share_requests")
    share_request = ShareRequest.objects.get()
    assert (share_request.group, share_request.funder, share_request.status) == (
        world.riverside,
        world.funder_a,
        RequestStatus.PENDING,
    )
    assert [message.to for message in mail.outbox] == [[world.riverside.coordinator.email]]

    page = client.get(response["Location"]).content.decode()
    assert "Your request has gone to the coordinators of Riverside Tenants Together" in page
    waiting = page[page.index("Waiting for an answer") : page.index("Answered")]
    assert "Riverside Tenants Together" in waiting
    # Found again, the group now says the request is waiting instead of offering a second one.
    again = search(client, "Riverside")
    assert "you have asked already; waiting for an answer." in again
    assert f'name="group" value="{world.riverside.pk}"' not in again


def test_asking_a_group_that_is_not_findable_asks_no_one(as_role, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(as_role("funder_a"), world.group, query="Riverside")
    page = response.content.decode()
    assert response.status_code == 200
    assert "No findable group matches your choice" in page
    assert "has been asked" not in page and world.group.name not in page
    assert not ShareRequest.objects.exists() and mail.outbox == []


def test_the_service_itself_refuses_a_group_that_is_not_findable_or_is_closed(world):
    # The rule is the service's, not only the form's: a remembered or guessed group is refused the same way.
    with pytest.raises(PermissionDenied):
        sharing.request_access(funder=world.funder_a, group=world.group, by=world.reviewer_a)
    CommunityGroup.objects.filter(pk=world.riverside.pk).update(closed_at=timezone.now())
    with pytest.raises(PermissionDenied):
        sharing.request_access(funder=world.funder_a, group=world.riverside, by=world.reviewer_a)
    assert not ShareRequest.objects.exists()
    findable(world.group)
    assert sharing.request_access(funder=world.funder_a, group=world.group, by=world.reviewer_a).group == world.group


def test_choosing_no_group_keeps_the_message(as_role, world):
    response = as_role("funder_a").post(
        reverse("readiness:ask_to_share"), {"q": "Riverside", "message": "Keep these words"}
    )
    page = response.content.decode()
    assert "Choose the group you want to ask." in page
    assert "Keep these words" in page
    assert not ShareRequest.objects.exists()


def test_the_requests_list_shows_answers_and_another_funder_never_sees_them(as_role, world):
    declined = sharing.request_access(funder=world.funder_a, group=world.riverside, by=world.reviewer_a)
    sharing.decline_request(share_request=declined, by=world.riverside.coordinator)
    findable(world.group)
    sharing.request_access(funder=world.funder_a, group=world.group, by=world.reviewer_a)
    share(world)  # Oak Street shares with funder A, which answers its request.

    page = as_role("funder_a").get(reverse("readiness:share_requests")).content.decode()
    answered = page[page.index("<h2>Answered</h2>") :]
    assert "No requests are waiting for an answer." in page
    assert "Riverside Tenants Together</strong>:" in answered and "declined on" in answered
    assert "Oak Street Neighbours</strong>:" in answered and "shared on" in answered

    other = as_role("funder_b").get(reverse("readiness:share_requests")).content.decode()
    assert "Riverside Tenants Together" not in other and "Oak Street Neighbours" not in other
    assert "No requests are waiting for an answer." in other and "No group has answered yet." in other


def test_the_portfolio_links_to_the_requests_list(as_role, world):
    page = as_role("funder_a").get(reverse("readiness:portfolio")).content.decode()
    assert f'href="{reverse("readiness:share_requests")}"' in page


# --- Who may use each address ----------------------------------------------------------------------------

NOT_FUNDERS = ("member", "coordinator", "facilitator", "other", "staff")


@pytest.mark.parametrize("role", ["visitor", *NOT_FUNDERS, "funder_a", "funder_b"])
def test_who_may_search_ask_and_list_requests(as_role, world, role):
    share(world)  # funder A's reviewer has a live grant from Oak Street; funder B's has none
    client = as_role(role)
    for url in (reverse("readiness:share_requests"), reverse("readiness:ask_to_share") + "?q=Riverside"):
        response = client.get(url)
        if role == "visitor":
            assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
        elif role in NOT_FUNDERS:
            assert response.status_code == 404
            # The page may repeat the person's own words back (the language switcher keeps the
            # address, query and all), never the group those words would have found.
            assert b"Riverside Tenants Together" not in response.content
        else:
            # A reviewer with a live grant and one without both ask and follow their requests.
            assert response.status_code == 200
    response = ask(client, world.riverside)
    assert response.status_code == {"visitor": 302, "funder_a": 302, "funder_b": 302}.get(role, 404)
    assert ShareRequest.objects.filter(group=world.riverside).exists() == role.startswith("funder")


@pytest.mark.parametrize(
    "role,status",
    [
        ("visitor", 302),
        ("member", 403),
        ("facilitator", 403),
        ("other", 404),
        ("staff", 404),
        ("funder_a", 404),
        ("funder_b", 404),
        ("coordinator", 302),
    ],
)
def test_only_the_coordinator_makes_the_group_findable(as_role, world, role, status):
    response = as_role(role).post(reverse("readiness:findable", kwargs={"slug": world.group.slug}), {"findable": "on"})
    assert response.status_code == status
    if role == "visitor":
        assert "/accounts/sign-in/" in response["Location"]
    assert CommunityGroup.objects.get(pk=world.group.pk).findable == (role == "coordinator")
