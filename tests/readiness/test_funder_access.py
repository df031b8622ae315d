"""A funder sees a group only while its organisation holds a live grant, only within scope, and every look is logged."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.readiness.models import AccessKind, AccessLog, ShareGrant
from learning.readiness.services import sharing
from learning.services import evidence as evidence_services

from .conftest import share


def funder_urls(world):
    slug = world.group.slug
    return {
        "page": reverse("readiness:funder_group", kwargs={"slug": slug}),
        "evidence": reverse("readiness:funder_evidence", kwargs={"slug": slug, "pk": world.evidence.pk}),
    }


def export_rows(client, query=""):
    response = client.get(reverse("readiness:portfolio_export") + query)
    assert response.status_code == 200
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def portfolio_names(client):
    response = client.get(reverse("readiness:portfolio"))
    assert response.status_code == 200
    return [row.group.name for row in response.context["rows"]]


def assert_sees_nothing(client, world, *, once_shared=False):
    """No profile, file, portfolio row or spreadsheet row; a group that once shared says it no longer does."""
    urls = funder_urls(world)
    assert client.get(urls["evidence"]).status_code == 404
    page = client.get(urls["page"])
    if once_shared:
        assert page.status_code == 200
        assert "This group no longer shares its profile with you" in page.content.decode()
        assert "Signed constitution" not in page.content.decode()
    else:
        assert page.status_code == 404
    assert world.group.name not in portfolio_names(client)
    assert all(world.group.name not in row for row in export_rows(client))


def assert_sees_everything(client, world):
    urls = funder_urls(world)
    assert client.get(urls["page"]).status_code == 200
    evidence = client.get(urls["evidence"])
    assert evidence.status_code == 200
    assert evidence["X-Content-Type-Options"] == "nosniff"
    assert world.group.name in portfolio_names(client)
    assert any(row and row[0] == world.group.name for row in export_rows(client))


def test_nothing_is_shared_by_default(as_role, world):
    assert_sees_nothing(as_role("funder_a"), world)


def test_a_live_grant_shows_the_group_and_revoking_hides_it_at_once(as_role, world):
    grant = share(world)
    client = as_role("funder_a")
    assert_sees_everything(client, world)
    sharing.revoke_access(grant=grant, by=world.coordinator)
    assert_sees_nothing(client, world, once_shared=True)


def test_expiry_hides_the_group_at_once(as_role, world):
    grant = share(world, expires_at=timezone.now() + timedelta(days=1))
    client = as_role("funder_a")
    assert_sees_everything(client, world)
    ShareGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert_sees_nothing(client, world, once_shared=True)


def test_funder_a_never_sees_a_group_shared_only_with_funder_b(as_role, world):
    share(world, funder=world.funder_b)
    assert_sees_nothing(as_role("funder_a"), world)
    assert_sees_everything(as_role("funder_b"), world)


@pytest.mark.parametrize("role", ["visitor", "member", "coordinator", "facilitator", "other", "staff"])
def test_people_who_are_not_reviewers_get_no_funder_pages(as_role, world, role):
    share(world)
    client = as_role(role)
    urls = [*funder_urls(world).values(), reverse("readiness:portfolio"), reverse("readiness:portfolio_export")]
    for url in urls:
        response = client.get(url)
        if role == "visitor":
            assert response.status_code == 302 and "/accounts/" in response["Location"], url
        else:
            assert response.status_code == 404, url
        assert world.group.name.encode() not in response.content, url


def test_without_the_self_assessment_scope_no_levels_or_strengths_show(as_role, world):
    share(world, share_self_assessment=False)
    client = as_role("funder_a")
    page = client.get(funder_urls(world)["page"]).content.decode()
    assert "We have a strong committee" not in page
    assert "Next for Governance" not in page
    assert "has not shared its self-assessment" in page
    rows = client.get(reverse("readiness:portfolio")).context["rows"]
    assert rows[0].levels == {} and rows[0].grant.summary_assessed_at is None
    exported = export_rows(client)[1]
    assert exported[3] == "not shared"
    assert exported[5:] == ["", "", ""]


def test_with_the_self_assessment_scope_levels_and_strengths_show(as_role, world):
    share(world, share_evidence=False, share_progress=False)
    client = as_role("funder_a")
    page = client.get(funder_urls(world)["page"]).content.decode()
    assert "We have a strong committee. (Governance)" in page
    exported = export_rows(client)[1]
    assert exported[5:] == ["3", "1", ""]
    assert exported[2] == "not shared"


def test_without_the_evidence_scope_files_and_titles_stay_private(as_role, world):
    share(world, share_evidence=False)
    client = as_role("funder_a")
    urls = funder_urls(world)
    assert "Signed constitution" not in client.get(urls["page"]).content.decode()
    assert client.get(urls["evidence"]).status_code == 404


def test_without_the_progress_scope_pathway_progress_stays_private(as_role, world):
    share(world, share_progress=False)
    client = as_role("funder_a")
    page = client.get(funder_urls(world)["page"]).content.decode()
    assert world.pathway.title not in page
    assert client.get(reverse("readiness:portfolio")).context["rows"][0].pathways == []


def test_a_removed_evidence_file_is_gone_for_the_funder(as_role, world):
    share(world)
    evidence_services.remove_evidence(evidence=world.evidence, by=world.coordinator)
    client = as_role("funder_a")
    assert client.get(funder_urls(world)["evidence"]).status_code == 404
    page = client.get(funder_urls(world)["page"]).content.decode()
    assert world.evidence.title not in page and funder_urls(world)["evidence"] not in page


def test_every_funder_view_is_logged_and_the_coordinator_can_read_the_log(as_role, world):
    share(world)
    client = as_role("funder_a")
    client.get(reverse("readiness:portfolio"))
    client.get(funder_urls(world)["page"])
    client.get(funder_urls(world)["evidence"])
    export_rows(client)
    kinds = list(AccessLog.objects.filter(group=world.group).order_by("pk").values_list("kind", flat=True))
    assert kinds == [AccessKind.PORTFOLIO, AccessKind.PROFILE, AccessKind.EVIDENCE, AccessKind.EXPORT]
    assert set(AccessLog.objects.values_list("viewer", flat=True)) == {world.reviewer_a.pk}
    assert set(AccessLog.objects.values_list("funder", flat=True)) == {world.funder_a.pk}
    page = as_role("coordinator").get(reverse("readiness:sharing", kwargs={"slug": world.group.slug}))
    text = page.content.decode()
    assert world.reviewer_a.get_display_name() in text
    for label in ("Opened your readiness profile", "Opened an evidence file", "Included in a spreadsheet download"):
        assert label in text
    assert "Signed constitution" in text


def test_denied_funder_requests_are_not_logged(as_role, world):
    grant = share(world)
    sharing.revoke_access(grant=grant, by=world.coordinator)
    client = as_role("funder_a")
    for url in funder_urls(world).values():
        client.get(url)
    client.get(reverse("readiness:portfolio"))
    assert not AccessLog.objects.exists()


def test_the_export_escapes_spreadsheet_formulas(as_role, world):
    world.group.name = "=HYPERLINK(1)"
    world.group.save()
    share(world)
    rows = export_rows(as_role("funder_a"))
    assert rows[1][0] == "'=HYPERLINK(1)"


def test_a_reviewer_for_two_funders_chooses_which_one(as_role, world):
    world.funder_b.reviewers.add(world.reviewer_a)
    world.funder_b.save()
    share(world, funder=world.funder_b)
    client = as_role("funder_a")
    assert portfolio_names(client) == []
    response = client.get(reverse("readiness:portfolio") + "?funder=fund-b")
    assert [row.group.name for row in response.context["rows"]] == [world.group.name]
    assert client.get(funder_urls(world)["page"] + "?funder=fund-b").status_code == 200
    assert client.get(funder_urls(world)["page"] + "?funder=fund-a").status_code == 404
