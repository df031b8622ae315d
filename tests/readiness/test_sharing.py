"""Sharing under the group's control: grant with a scope and expiry, revoke, requests, notifications, signals."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from learning.models import CommunityGroup
from learning.readiness.models import RequestStatus, ShareGrant, ShareRequest
from learning.readiness.services import sharing
from learning.readiness.signals import share_granted, share_revoked

from .conftest import share


def sharing_url(world):
    return reverse("readiness:sharing", kwargs={"slug": world.group.slug})


def grant_data(world, **extra):
    data = {"funder": world.funder_a.pk, "share_progress": "on", "share_self_assessment": "on"}
    data.update(extra)
    return data


def test_the_coordinator_shares_with_a_scope_and_an_expiry(as_role, world, django_capture_on_commit_callbacks):
    until = timezone.localdate() + timedelta(days=30)
    client = as_role("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(sharing_url(world), grant_data(world, share_until=until.isoformat()))
    assert response.status_code == 302
    grant = ShareGrant.objects.get(group=world.group)
    assert (grant.share_progress, grant.share_self_assessment, grant.share_evidence) == (True, True, False)
    assert grant.granted_by == world.coordinator
    assert timezone.localtime(grant.expires_at).date() == until + timedelta(days=1)
    assert grant.is_live()
    # The funder's reviewers are told, with names and a link only.
    assert [message.to for message in mail.outbox] == [[world.reviewer_a.email]]
    body = mail.outbox[0].body
    assert world.group.name in body and world.funder_a.name in body
    assert f"/funders/groups/{world.group.slug}/" in body
    assert "strong committee" not in body


def test_sharing_again_replaces_the_grant_and_keeps_the_history(as_role, world):
    first = share(world)
    second = share(world, share_evidence=False)
    first.refresh_from_db()
    assert first.revoked_at is not None and second.is_live()
    assert ShareGrant.objects.live().filter(group=world.group, funder=world.funder_a).count() == 1


@pytest.mark.parametrize(
    "data,message",
    [
        ({"share_until": "2001-01-01"}, "Choose today or a date in the future."),
        ({"share_progress": "", "share_self_assessment": ""}, "Choose at least one thing to share."),
    ],
)
def test_bad_grants_redisplay_the_form(as_role, world, data, message):
    response = as_role("coordinator").post(sharing_url(world), grant_data(world, **data))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ShareGrant.objects.exists()


@pytest.mark.parametrize("role", ["member", "facilitator"])
def test_only_the_coordinator_shares_and_stops_sharing(as_role, world, role):
    grant = share(world)
    client = as_role(role)
    assert client.post(sharing_url(world), grant_data(world, funder=world.funder_b.pk)).status_code == 403
    revoke_url = reverse("readiness:revoke", kwargs={"slug": world.group.slug, "pk": grant.pk})
    assert client.post(revoke_url, {"confirm": "yes"}).status_code == 403
    grant.refresh_from_db()
    assert grant.is_live()
    assert ShareGrant.objects.count() == 1


def test_a_member_reads_the_sharing_page_without_the_form(as_role, world):
    share(world)
    response = as_role("member").get(sharing_url(world))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert world.funder_a.name in response.content.decode()


def test_a_facilitator_never_sees_the_sharing_page(as_role, world):
    response = as_role("facilitator").get(sharing_url(world))
    assert response.status_code == 403
    assert world.funder_a.name.encode() not in response.content


def test_the_coordinator_stops_sharing(as_role, world):
    grant = share(world)
    client = as_role("coordinator")
    response = client.post(
        reverse("readiness:revoke", kwargs={"slug": world.group.slug, "pk": grant.pk}), {"confirm": "yes"}
    )
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None and grant.revoked_by == world.coordinator
    page = client.get(sharing_url(world))
    assert page.context["live_grants"] == [] and page.context["past_grants"] == [grant]


def test_a_grant_for_another_group_cannot_be_revoked_from_this_one(as_role, world):
    other = sharing.grant_access(
        group=world.other_group,
        funder=world.funder_a,
        by=world.other_group.coordinator,
        share_progress=True,
        share_self_assessment=False,
        share_evidence=False,
    )
    response = as_role("coordinator").post(
        reverse("readiness:revoke", kwargs={"slug": world.group.slug, "pk": other.pk}), {"confirm": "yes"}
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.is_live()


def test_signals_are_sent_after_commit(world, django_capture_on_commit_callbacks):
    seen = []

    def granted(sender, grant, by, **kwargs):
        seen.append(("granted", grant.funder, by))

    def revoked(sender, grant, by, **kwargs):
        seen.append(("revoked", grant.funder, by))

    share_granted.connect(granted)
    share_revoked.connect(revoked)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            grant = share(world)
        assert seen == []
        for callback in callbacks:
            callback()
        with django_capture_on_commit_callbacks(execute=True):
            sharing.revoke_access(grant=grant, by=world.coordinator)
    finally:
        share_granted.disconnect(granted)
        share_revoked.disconnect(revoked)
    assert seen == [("granted", world.funder_a, world.coordinator), ("revoked", world.funder_a, world.coordinator)]


def test_a_funder_asks_and_the_coordinator_is_told(as_role, world, django_capture_on_commit_callbacks):
    type(world.group).objects.filter(pk=world.group.pk).update(findable=True)
    client = as_role("funder_a")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("readiness:ask_to_share"),
            {"q": "Oak Street", "group": world.group.pk, "message": "We fund tenants."},
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("readiness:share_requests")
    share_request = ShareRequest.objects.get()
    assert (share_request.group, share_request.funder, share_request.status) == (
        world.group,
        world.funder_a,
        RequestStatus.PENDING,
    )
    assert [message.to for message in mail.outbox] == [[world.coordinator.email]]
    assert "We fund tenants" not in mail.outbox[0].body
    page = as_role("coordinator").get(sharing_url(world)).content.decode()
    assert "We fund tenants." in page
    # Sharing with that funder answers the request.
    share(world)
    share_request.refresh_from_db()
    assert share_request.status == RequestStatus.ACCEPTED


def test_asking_a_group_that_is_not_findable_says_so_and_asks_no_one(as_role, world):
    """A group that has not chosen to be found answers exactly as a group that does not exist."""
    client = as_role("funder_a")
    hidden = client.post(reverse("readiness:ask_to_share"), {"q": "Oak Street", "group": world.group.pk})
    missing = client.post(reverse("readiness:ask_to_share"), {"q": "Oak Street", "group": 999999})
    for response in (hidden, missing):
        page = response.content.decode()
        assert response.status_code == 200
        assert "No findable group matches “Oak Street”" in page
        assert "has been asked" not in page
        assert world.group.name not in page
    assert not ShareRequest.objects.exists()
    assert len(mail.outbox) == 0


def test_the_coordinator_declines_a_request(as_role, world):
    CommunityGroup.objects.filter(pk=world.group.pk).update(findable=True)  # only a findable group can be asked
    share_request = sharing.request_access(funder=world.funder_a, group=world.group, by=world.reviewer_a)
    decline = reverse("readiness:decline_request", kwargs={"slug": world.group.slug, "pk": share_request.pk})
    assert as_role("member").post(decline).status_code == 403
    assert as_role("coordinator").post(decline).status_code == 302
    share_request.refresh_from_db()
    assert share_request.status == RequestStatus.DECLINED
    assert not ShareGrant.objects.exists()


def test_only_reviewers_can_ask(as_role, world):
    client = as_role("coordinator")
    assert client.get(reverse("readiness:ask_to_share")).status_code == 404
    type(world.group).objects.filter(pk=world.group.pk).update(findable=True)
    response = client.post(reverse("readiness:ask_to_share"), {"q": "Oak", "group": world.group.pk, "message": "Hi"})
    assert response.status_code == 404
    assert not ShareRequest.objects.exists()
    assert len(mail.outbox) == 0


# --- The sharing page's words (issue 17, item 8) ----------------------------------------------------


def test_share_until_shows_the_day_the_coordinator_chose(as_role, world):
    until = timezone.localdate() + timedelta(days=40)
    client = as_role("coordinator")
    client.post(sharing_url(world), grant_data(world, share_until=until.isoformat()))
    chosen = f"{until.day} {until:%B %Y}"
    day_after = until + timedelta(days=1)
    page = client.get(sharing_url(world)).content.decode()
    assert f"Shared until {chosen}." in page
    assert f"{day_after.day} {day_after:%B %Y}" not in page and "00:00" not in page
    funder_page = as_role("funder_a").get(reverse("readiness:funder_group", kwargs={"slug": world.group.slug}))
    assert f"Shared until {chosen}." in funder_page.content.decode()


def test_the_things_to_share_say_choose_at_least_one_instead_of_optional(as_role, world):
    page = as_role("coordinator").get(sharing_url(world)).content.decode()
    legend_to_end = page[page.index("What they can see: choose at least one") :]
    boxes = legend_to_end[: legend_to_end.index("</fieldset>")]
    assert "Pathway progress" in boxes and "Evidence list and files" in boxes
    assert "optional" not in boxes
    # The end date really is optional, and says so.
    after = legend_to_end[legend_to_end.index("</fieldset>") :]
    assert "Share until" in after and "(optional)" in after[: after.index("Share until") + 100]


def test_a_member_reads_that_only_coordinators_share_with_a_way_back(as_role, world):
    share(world)
    page = as_role("member").get(sharing_url(world)).content.decode()
    assert "Only your group's coordinators can share with a funder, stop sharing" in page
    assert f'href="{world.group.get_absolute_url()}"' in page
    assert "/stop/" not in page and "Let funders find our group" not in page


def test_a_facilitator_is_told_who_can_see_sharing_with_the_rules_403(as_role, world):
    share(world)
    response = as_role("facilitator").get(sharing_url(world))
    assert response.status_code == 403
    page = response.content.decode()
    assert "only its coordinators can share with a funder" in page
    assert f'href="{world.group.get_absolute_url()}"' in page
    assert world.funder_a.name not in page


def test_the_coordinator_is_told_that_unshared_evidence_reads_as_red_to_the_funder(as_role, world):
    html = as_role("coordinator").get(sharing_url(world)).content.decode()
    assert "If you do not share it, the Hub suggests Red to the funder" in html
