"""A group that stopped sharing tells the reviewers of a funder it once shared with, in a normal page
(issue 17, item 6): "This group no longer shares its profile with you", with nothing from its profile.
Everyone else, a funder that never had a grant included, gets the same 404 as for a group that does
not exist, so addresses cannot be tried to learn which groups there are."""

import datetime
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.readiness.models import AccessLog, ReadinessReview, ShareGrant
from learning.readiness.services import sharing
from tests.once import built_once, fresh_copy

from .conftest import build_world, share

pytestmark = pytest.mark.django_db

GONE = "This group no longer shares its profile with you"


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The readiness world, once shared with funder A and then stopped; built once for the module."""
    with built_once(django_db_blocker, tmp_path_factory):
        w = build_world()
        w.group.description = "We run a lunch club for older tenants."
        w.group.save()
        w.grant = share(w)
        sharing.revoke_access(grant=w.grant, by=w.coordinator)
        w.grant.refresh_from_db()
        yield w


@pytest.fixture
def world(db, _built):
    return fresh_copy(_built)


def profile_url(world):
    return reverse("readiness:funder_group", kwargs={"slug": world.group.slug})


def assert_no_profile_data(page, world):
    for private in (
        "strong committee",  # the agreed levels' strengths
        "Signed constitution",  # evidence
        world.group.description,
        "Fife",  # the place is on the profile, not on this page
        "Write a review",
        world.pathway.title,
    ):
        assert private not in page, private


def test_a_reviewer_of_the_funder_reads_that_the_group_stopped_sharing(as_role, world):
    response = as_role("funder_a").get(profile_url(world))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<h1>{GONE}</h1>" in page
    stopped = timezone.localtime(world.grant.revoked_at)
    assert f"Oak Street Neighbours stopped sharing with Fund A on {stopped.day} {stopped:%B %Y}." in page
    assert f'href="{reverse("readiness:portfolio")}"' in page
    assert_no_profile_data(page, world)


def test_the_page_is_not_counted_as_a_look_at_the_profile(as_role, world):
    as_role("funder_a").get(profile_url(world))
    assert not AccessLog.objects.exists()


def test_an_expired_grant_says_the_last_day_shared(as_role, world):
    last_day = timezone.localdate() - timedelta(days=3)
    grant = share(world, funder=world.funder_b, expires_at=None)
    midnight_after = timezone.make_aware(datetime.datetime.combine(last_day + timedelta(days=1), datetime.time.min))
    ShareGrant.objects.filter(pk=grant.pk).update(expires_at=midnight_after)
    page = as_role("funder_b").get(profile_url(world)).content.decode()
    assert f"Oak Street Neighbours shared with Fund B until {last_day.day} {last_day:%B %Y}." in page
    assert_no_profile_data(page, world)


def test_a_funder_that_never_had_a_grant_gets_404(as_role, world):
    response = as_role("funder_b").get(profile_url(world))
    assert response.status_code == 404
    assert world.group.name.encode() not in response.content


@pytest.mark.parametrize("role", ["member", "coordinator", "facilitator", "other", "staff"])
def test_people_who_are_not_its_reviewers_get_404(as_role, world, role):
    response = as_role(role).get(profile_url(world))
    assert response.status_code == 404
    assert GONE.encode() not in response.content


def test_a_visitor_is_asked_to_sign_in(client, world):
    response = client.get(profile_url(world))
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_a_made_up_address_is_404_for_the_reviewer_too(as_role, world):
    assert (
        as_role("funder_a").get(reverse("readiness:funder_group", kwargs={"slug": "no-such-group"})).status_code == 404
    )


def test_files_stay_404(as_role, world):
    url = reverse("readiness:funder_evidence", kwargs={"slug": world.group.slug, "pk": world.evidence.pk})
    assert as_role("funder_a").get(url).status_code == 404


def test_a_review_sent_after_sharing_stopped_is_not_posted_and_says_so(as_role, world):
    response = as_role("funder_a").post(profile_url(world), {"decision": "ready", "feedback": "Well run."})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your review was not posted" in page and GONE in page
    assert not ReadinessReview.objects.exists()


def test_sharing_again_brings_the_profile_back(as_role, world):
    share(world)
    page = as_role("funder_a").get(profile_url(world)).content.decode()
    assert GONE not in page and "Write a review" in page
