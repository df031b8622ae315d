"""Stopping sharing goes through a confirmation page that says what the funder will no longer see
(issue 17, item 5). It is a plain form, so it works without JavaScript; a POST without the confirmation
changes nothing; pressing twice is harmless."""

import pytest
from django.urls import reverse

from learning.readiness.models import ShareGrant
from learning.readiness.services import sharing
from tests.once import built_once, fresh_copy

from .conftest import build_world, share

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The readiness world with everything shared with funder A, built once and rolled back after the module."""
    with built_once(django_db_blocker, tmp_path_factory):
        w = build_world()
        w.grant = share(w)
        yield w


@pytest.fixture
def world(db, _built):
    return fresh_copy(_built)


def stop_url(world, grant=None):
    return reverse("readiness:revoke", kwargs={"slug": world.group.slug, "pk": (grant or world.grant).pk})


def live(grant):
    return ShareGrant.objects.get(pk=grant.pk).is_live()


def test_the_sharing_page_leads_to_the_confirmation_instead_of_stopping_in_one_tap(as_role, world):
    page = as_role("coordinator").get(reverse("readiness:sharing", kwargs={"slug": world.group.slug}))
    html = page.content.decode()
    assert f'href="{stop_url(world)}">Stop sharing with Fund A</a>' in html
    assert f'action="{stop_url(world)}"' not in html


def test_the_confirmation_says_what_the_funder_will_no_longer_see(as_role, world):
    response = as_role("coordinator").get(stop_url(world))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Stop sharing with Fund A?</h1>" in page
    assert "Fund A will no longer see:" in page
    for thing in ("Pathway progress", "Self-assessment", "Evidence list and files"):
        assert f"<li>{thing}</li>" in page
    assert "This group no longer shares its profile with you" in page
    assert 'name="confirm" value="yes"' in page and "Cancel, keep sharing" in page
    assert live(world.grant)


def test_the_confirmation_lists_only_what_the_grant_shares(as_role, world):
    narrow = share(world, funder=world.funder_b, share_self_assessment=False, share_evidence=False)
    page = as_role("coordinator").get(stop_url(world, narrow)).content.decode()
    assert "<li>Pathway progress</li>" in page
    assert "<li>Self-assessment</li>" not in page and "<li>Evidence list and files</li>" not in page


def test_a_post_without_the_confirmation_changes_nothing(as_role, world):
    response = as_role("coordinator").post(stop_url(world))
    assert response.status_code == 302 and response["Location"] == stop_url(world)
    assert live(world.grant)


def test_confirming_stops_sharing_and_pressing_again_is_harmless(as_role, world):
    client = as_role("coordinator")
    response = client.post(stop_url(world), {"confirm": "yes"}, follow=True)
    assert "Fund A can no longer see your profile." in response.content.decode()
    grant = ShareGrant.objects.get(pk=world.grant.pk)
    assert grant.revoked_at is not None and grant.revoked_by == world.coordinator

    again = client.post(stop_url(world), {"confirm": "yes"})
    assert again.status_code == 302
    assert ShareGrant.objects.get(pk=world.grant.pk).revoked_at == grant.revoked_at
    assert ShareGrant.objects.filter(group=world.group).count() == 1
    page = client.get(stop_url(world)).content.decode()
    assert "Sharing with Fund A has already stopped" in page and 'name="confirm"' not in page


@pytest.mark.parametrize("role", ["member", "facilitator"])
def test_people_in_the_group_read_that_only_coordinators_stop_sharing(as_role, world, role):
    client = as_role(role)
    response = client.get(stop_url(world))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Only your group's coordinators can stop sharing with a funder." in page
    assert f'href="{world.group.get_absolute_url()}"' in page
    assert 'name="confirm"' not in page
    assert client.post(stop_url(world), {"confirm": "yes"}).status_code == 403
    assert live(world.grant)


@pytest.mark.parametrize("role", ["other", "staff", "funder_a", "funder_b"])
def test_everyone_outside_the_group_gets_404(as_role, world, role):
    client = as_role(role)
    response = client.get(stop_url(world))
    assert response.status_code == 404
    assert world.group.name.encode() not in response.content
    assert client.post(stop_url(world), {"confirm": "yes"}).status_code == 404
    assert live(world.grant)


def test_a_visitor_is_asked_to_sign_in(client, world):
    for response in (client.get(stop_url(world)), client.post(stop_url(world), {"confirm": "yes"})):
        assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
    assert live(world.grant)


def test_another_groups_grant_is_not_found_from_this_group(as_role, world):
    theirs = sharing.grant_access(
        group=world.other_group,
        funder=world.funder_a,
        by=world.other_group.coordinator,
        share_progress=True,
        share_self_assessment=False,
        share_evidence=False,
    )
    client = as_role("coordinator")
    assert client.get(stop_url(world, theirs)).status_code == 404
    assert client.post(stop_url(world, theirs), {"confirm": "yes"}).status_code == 404
    assert live(theirs)
