"""The funder's 360Giving-ready export: one row a shared group under the published recipient field names,
its org-id (or Hub) identifier, its postcode only where shared, and only the readiness its grant covers."""

import csv
import io

import pytest
from django.urls import reverse

from learning.identifiers import LISTS_BY_CODE, ORG_ID_PATTERN
from learning.models import CommunityGroup
from learning.readiness.models import AccessKind, AccessLog, ShareGrant
from learning.readiness.services import sharing
from tests.learning.factories import assign_facilitator, make_group, make_person

from .conftest import post_review, share

pytestmark = pytest.mark.django_db

# As the 360Giving Standard publishes them (https://standard.threesixtygiving.org), character for character.
PUBLISHED = ["Recipient Org:Identifier", "Recipient Org:Name", "Recipient Org:Postal Code"]


def export(client, **params):
    response = client.get(reverse("readiness:portfolio_360giving"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="360giving-recipients-fund-a-')
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    return {row["Recipient Org:Name"]: row for row in rows}, rows


@pytest.fixture
def portfolio(world):
    """Oak Street (an OSCR charity, shares everything and its postcode), Birch Lane (unregistered, shares only
    progress, has a postcode it did not share), and Cedar Court, which stopped sharing yesterday."""
    w = world
    CommunityGroup.objects.filter(pk=w.group.pk).update(org_id="GB-SC-SC012345", postcode="KY1 1XX")
    CommunityGroup.objects.filter(pk=w.other_group.pk).update(postcode="EH1 1AA")
    w.grant = share(w, share_postcode=True)
    post_review(w.grant, "conditions")
    share(w, group=w.other_group, share_self_assessment=False, share_evidence=False)
    cedar = make_group(name="Cedar Court Tenants")
    sharing.revoke_access(grant=share(w, group=cedar), by=cedar.coordinator)
    return w


def test_the_header_starts_with_the_published_360giving_field_names_exactly(as_role, portfolio):
    response = as_role("funder_a").get(reverse("readiness:portfolio_360giving"))
    header = next(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert header[:3] == PUBLISHED
    assert header[3:] == [
        "Readiness:Shared",
        "Readiness:Pathway Progress",
        "Readiness:Last Self-Assessment",
        "Readiness:Average Agreed Level",
        "Readiness:Latest Decision",
        "Readiness:Governance",
        "Readiness:Money",
        "Readiness:Keeping people safe",
    ]


def test_a_group_that_shares_everything_has_its_identifier_postcode_and_readiness(as_role, portfolio):
    by_name, rows = export(as_role("funder_a"))
    assert sorted(by_name) == ["Birch Lane Residents", "Oak Street Neighbours"]  # Cedar Court stopped sharing
    oak = by_name["Oak Street Neighbours"]
    assert oak == {
        "Recipient Org:Identifier": "GB-SC-SC012345",
        "Recipient Org:Name": "Oak Street Neighbours",
        "Recipient Org:Postal Code": "KY1 1XX",
        "Readiness:Shared": "progress; self-assessment; evidence; postcode",
        "Readiness:Pathway Progress": f"{portfolio.pathway.title}: 33%",
        "Readiness:Last Self-Assessment": oak["Readiness:Last Self-Assessment"],
        "Readiness:Average Agreed Level": "2.0",
        "Readiness:Latest Decision": "conditions",
        "Readiness:Governance": "3",
        "Readiness:Money": "1",
        "Readiness:Keeping people safe": "",
    }
    assert oak["Readiness:Last Self-Assessment"] == portfolio.round.closed_at.date().isoformat()


def test_scope_decides_the_postcode_and_the_readiness_columns(as_role, portfolio):
    by_name, _rows = export(as_role("funder_a"))
    birch = by_name["Birch Lane Residents"]
    assert birch["Recipient Org:Postal Code"] == ""  # it has one, but did not share it
    assert birch["Readiness:Shared"] == "progress"
    assert birch["Readiness:Pathway Progress"] == ""  # shares progress but is on no pathway
    for column in ("Last Self-Assessment", "Average Agreed Level", "Governance", "Money"):
        assert birch[f"Readiness:{column}"] == "", column
    assert "EH1 1AA" not in str(by_name)


def test_every_identifier_matches_its_org_id_list_or_is_the_hubs_own(as_role, portfolio):
    by_name, _rows = export(as_role("funder_a"))
    birch = portfolio.other_group
    assert by_name["Birch Lane Residents"]["Recipient Org:Identifier"] == f"360G-coproductionhub-{birch.pk}"
    for row in by_name.values():
        identifier = row["Recipient Org:Identifier"]
        match = ORG_ID_PATTERN.match(identifier)
        if match:
            assert LISTS_BY_CODE[match["code"]].matches(match["number"]), identifier
        else:
            assert identifier.startswith("360G-"), identifier


def test_the_export_is_logged_for_each_group_it_includes(as_role, portfolio):
    export(as_role("funder_a"))
    logged = AccessLog.objects.filter(kind=AccessKind.EXPORT).order_by("group__name")
    assert [entry.group.name for entry in logged] == ["Birch Lane Residents", "Oak Street Neighbours"]
    assert {entry.viewer for entry in logged} == {portfolio.reviewer_a}


def test_cells_that_look_like_formulas_are_made_safe(as_role, portfolio):
    CommunityGroup.objects.filter(pk=portfolio.group.pk).update(name="=HYPERLINK(1)")
    by_name, _rows = export(as_role("funder_a"))
    assert "'=HYPERLINK(1)" in by_name


@pytest.mark.parametrize(
    "role", ["visitor", "member", "coordinator", "facilitator", "other", "staff", "other_facilitator", "funder_b"]
)
def test_nobody_but_a_funder_with_a_live_grant_sees_a_group_in_it(as_role, portfolio, role):
    portfolio.people["other_facilitator"] = assign_facilitator(portfolio.other_group, make_person())
    client = as_role(role)
    response = client.get(reverse("readiness:portfolio_360giving"))
    if role == "visitor":
        assert response.status_code == 302 and "/accounts/" in response["Location"]
        return
    if role == "funder_b":  # a reviewer whose organisation holds no grant gets the header and no rows
        body = b"".join(response.streaming_content).decode()
        assert response.status_code == 200 and body.count("\n") == 1
        assert "Oak Street" not in body and "Birch Lane" not in body
        return
    assert response.status_code == 404
    assert b"Oak Street" not in response.content


def test_a_guessed_funder_gives_the_reviewers_own_portfolio(as_role, portfolio):
    by_name, _rows = export(as_role("funder_a"), funder="fund-b")
    assert sorted(by_name) == ["Birch Lane Residents", "Oak Street Neighbours"]


def test_the_coordinator_chooses_to_share_the_postcode_and_the_funder_then_sees_it(as_role, world):
    CommunityGroup.objects.filter(pk=world.group.pk).update(postcode="KY1 1XX")
    sharing_url = reverse("readiness:sharing", kwargs={"slug": world.group.slug})
    page = as_role("coordinator").get(sharing_url).content.decode()
    assert 'name="share_postcode"' in page and "Our postcode" in page
    response = as_role("coordinator").post(
        sharing_url, {"funder": world.funder_a.pk, "share_progress": "on", "share_postcode": "on"}
    )
    assert response.status_code == 302
    grant = ShareGrant.objects.live().get(group=world.group, funder=world.funder_a)
    assert grant.share_postcode and "postcode" in [str(label) for label in grant.scope_labels]
    funder_page = as_role("funder_a").get(reverse("readiness:funder_group", kwargs={"slug": world.group.slug}))
    assert "Postcode: KY1 1XX" in funder_page.content.decode()
    by_name, _rows = export(as_role("funder_a"))
    assert by_name["Oak Street Neighbours"]["Recipient Org:Postal Code"] == "KY1 1XX"


def test_without_the_postcode_in_the_grant_the_funder_page_does_not_show_it(as_role, world):
    CommunityGroup.objects.filter(pk=world.group.pk).update(postcode="KY1 1XX")
    share(world)
    funder_page = as_role("funder_a").get(reverse("readiness:funder_group", kwargs={"slug": world.group.slug}))
    assert "KY1 1XX" not in funder_page.content.decode()
    assert f"Identifier: 360G-coproductionhub-{world.group.pk}" in funder_page.content.decode()
