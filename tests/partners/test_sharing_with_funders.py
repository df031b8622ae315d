"""A group shows its asks and commitments to a funder only when it chooses: the "asks of public bodies and
commitments" scope partners offers through `learning.funder_scopes`, kept on readiness's `ShareGrant`.

Off by default; offered on the sharing form only while partners is installed; shown on the funder's page of the
group only while a live grant has the scope; every view in the group's access log; revoking hides it at once.
"""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from learning import funder_scopes
from learning.partners.models import PartnerAccessLog
from learning.partners.services import asks
from learning.readiness.group_export import readiness_section
from learning.readiness.models import AccessKind, AccessLog, ShareGrant
from learning.readiness.services import sharing
from tests.readiness.conftest import share

pytestmark = pytest.mark.django_db

ASK_TITLE = "Repairs in our flats"
HEALTH_TITLE = "A clinic nearer the scheme"
COMMITMENT = "Survey every flat for damp"
SCOPE_LABEL = "asks of public bodies and commitments"


def funder_page(w):
    return reverse("readiness:funder_group", args=[w.group.slug])


def sharing_page(w):
    return reverse("readiness:sharing", args=[w.group.slug])


@pytest.fixture
def shared(world):
    """Group A shares its asks and commitments with funder A; the ask has a decision overdue, notes from both
    sides, and one commitment marked by the group, the other overdue."""
    w = world
    w.grant = share(w, more_scopes=["partners"])
    # Validated on 20 January 2026: the decision was due 30 working days later and is long overdue.
    asks.add_note(commitment=w.commitment, by=w.member, text="Only half the flats have been visited.")
    asks.add_note(commitment=w.commitment, by=w.officer, text="Surveyors booked for March.")
    w.kept = asks.record_commitment(
        ask=w.ask, by=w.coordinator, what="Write to every tenant", due_on=date(2026, 2, 1), owner="Housing office"
    )
    asks.mark_commitment(commitment=w.kept, by=w.coordinator, status="kept", reason="Every tenant had a letter.")
    return w


def opened(client, w):
    response = client.get(funder_page(w))
    assert response.status_code == 200
    return response.content.decode()


# --- The coordinator's sharing form -----------------------------------------------------------------------------


def test_the_sharing_form_offers_asks_and_commitments_unticked(client, world):
    client.force_login(world.coordinator)
    html = client.get(sharing_page(world)).content.decode()
    assert "Asks of public bodies and commitments" in html
    assert 'name="share_more_partners"' in html
    assert 'name="share_more_partners" checked' not in html


def test_without_partners_installed_the_form_does_not_offer_it(client, world, monkeypatch):
    monkeypatch.setattr(funder_scopes, "_SCOPES", {})
    client.force_login(world.coordinator)
    html = client.get(sharing_page(world)).content.decode()
    assert "share_more_partners" not in html
    assert "Asks of public bodies and commitments" not in html


def test_sharing_without_ticking_it_shares_no_asks(client, world):
    client.force_login(world.coordinator)
    response = client.post(sharing_page(world), {"funder": world.funder_b.pk, "share_progress": "on"})
    assert response.status_code == 302
    grant = ShareGrant.objects.get(group=world.group, funder=world.funder_b, revoked_at__isnull=True)
    assert grant.more_scopes == []
    client.force_login(world.reviewer_b)
    assert ASK_TITLE not in opened(client, world)


def test_the_coordinator_ticks_it_and_the_group_sees_what_the_funder_can_see(client, world):
    client.force_login(world.coordinator)
    response = client.post(
        sharing_page(world), {"funder": world.funder_b.pk, "share_progress": "on", "share_more_partners": "on"}
    )
    assert response.status_code == 302
    grant = ShareGrant.objects.get(group=world.group, funder=world.funder_b, revoked_at__isnull=True)
    assert grant.more_scopes == ["partners"]
    html = client.get(sharing_page(world)).content.decode()
    assert f"They can see: pathway progress, {SCOPE_LABEL}." in html


def test_asks_and_commitments_alone_are_enough_to_share(client, world):
    client.force_login(world.coordinator)
    response = client.post(sharing_page(world), {"funder": world.funder_b.pk, "share_more_partners": "on"})
    assert response.status_code == 302
    client.force_login(world.reviewer_b)
    assert ASK_TITLE in opened(client, world)


def test_nothing_ticked_is_refused_with_the_choices_kept(client, world):
    client.force_login(world.coordinator)
    response = client.post(sharing_page(world), {"funder": world.funder_b.pk, "share_until": "2099-01-01"})
    html = response.content.decode()
    assert "Choose at least one thing to share." in html
    assert 'value="2099-01-01"' in html
    assert not ShareGrant.objects.filter(group=world.group, funder=world.funder_b).exists()


def test_a_scope_no_installed_app_offers_is_refused(world):
    with pytest.raises(ValidationError):
        sharing.grant_access(
            group=world.group,
            funder=world.funder_b,
            by=world.coordinator,
            share_progress=True,
            share_self_assessment=False,
            share_evidence=False,
            more_scopes=["something_else"],
        )


# --- What the funder sees -------------------------------------------------------------------------------------------


def test_the_funder_sees_the_asks_stages_overdue_flags_commitments_notes_and_marks(client, shared):
    w = shared
    client.force_login(w.reviewer_a)
    html = opened(client, w)
    assert "Asks of public bodies and commitments" in html
    assert ASK_TITLE in html and HEALTH_TITLE in html
    assert "Glasgow City Council" in html and "NHS Greater Glasgow and Clyde" in html
    assert "A participation request (Community Empowerment (Scotland) Act 2015)" in html
    assert "Validated by the public body</strong>:\n" in html and "20 January 2026" in html
    assert "Something is overdue" in html
    # The decision was due 30 Scottish working days after 20 January 2026.
    assert "Overdue</strong>: due by 3 March 2026" in html
    assert COMMITMENT in html and "Owner: Repairs team" in html
    assert "Only half the flats have been visited." in html and "Surveyors booked for March." in html
    assert "The group, " in html and "The public body, " in html
    assert "Write to every tenant" in html and "<strong>kept</strong>. Every tenant had a letter." in html


def test_the_funder_never_sees_who_wrote_or_the_issue_in_the_groups_words(client, shared):
    w = shared
    client.force_login(w.reviewer_a)
    html = opened(client, w)
    assert w.officer.get_display_name() not in html
    assert w.member.get_display_name() not in html
    assert "Damp and mould reported months ago" not in html


def test_every_view_is_in_the_groups_access_log_and_the_group_reads_it(client, shared):
    w = shared
    client.force_login(w.reviewer_a)
    opened(client, w)
    opened(client, w)
    entries = AccessLog.objects.filter(group=w.group, funder=w.funder_a, kind=AccessKind.MORE_SHARED)
    assert entries.count() == 2
    assert set(entries.values_list("detail", flat=True)) == {SCOPE_LABEL}
    assert set(entries.values_list("viewer", flat=True)) == {w.reviewer_a.pk}
    client.force_login(w.coordinator)
    html = client.get(sharing_page(w)).content.decode()
    assert f"Opened other records you share: {SCOPE_LABEL}" in html


def test_a_grant_without_the_scope_shows_no_asks_and_logs_none(client, world):
    client.force_login(world.reviewer_a)
    html = opened(client, world)
    assert ASK_TITLE not in html and COMMITMENT not in html
    assert "Asks of public bodies and commitments" not in html
    assert not AccessLog.objects.filter(group=world.group, kind=AccessKind.MORE_SHARED).exists()


def test_revoking_hides_them_at_once(client, shared):
    w = shared
    client.force_login(w.reviewer_a)
    assert ASK_TITLE in opened(client, w)
    sharing.revoke_access(grant=w.grant, by=w.coordinator)
    html = opened(client, w)
    assert "no longer shares" in html
    assert ASK_TITLE not in html and COMMITMENT not in html


def test_an_expired_grant_shows_nothing(client, shared):
    w = shared
    ShareGrant.objects.filter(pk=w.grant.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    client.force_login(w.reviewer_a)
    html = opened(client, w)
    assert ASK_TITLE not in html


def test_a_narrower_share_replaces_it_at_once(client, shared):
    w = shared
    share(w)
    client.force_login(w.reviewer_a)
    assert ASK_TITLE not in opened(client, w)


def test_once_partners_is_gone_a_grant_that_had_the_scope_shows_nothing(client, shared, monkeypatch):
    w = shared
    monkeypatch.setattr(funder_scopes, "_SCOPES", {})
    client.force_login(w.reviewer_a)
    html = opened(client, w)
    assert ASK_TITLE not in html
    assert SCOPE_LABEL not in html


def test_another_funder_sees_nothing_of_them(client, shared):
    w = shared
    client.force_login(w.reviewer_b)
    response = client.get(funder_page(w))
    assert response.status_code == 404
    assert ASK_TITLE.encode() not in response.content


# --- Every role on the funder's page of the group -------------------------------------------------------------------

FUNDER_PAGE = {
    "visitor": "login",
    "member": 404,
    "coordinator": 404,
    "facilitator": 404,
    "other": 404,
    "other_facilitator": 404,
    "staff": 404,
    "editor": 404,
    "funder_live": 200,
    "funder_none": 404,
    "officer": 404,
    "officer_revoked": 404,
    "officer_elsewhere": 404,
}


@pytest.mark.parametrize("role", list(FUNDER_PAGE))
def test_role_matrix_of_the_shared_asks(client, shared, role):
    """Only a reviewer of the funder holding the live grant with the scope sees the asks; the group's own people
    read them on the partners pages, never through the funder's page."""
    w = shared
    person = w.people[role]
    if person is not None:
        client.force_login(person)
    response = client.get(funder_page(w))
    expected = FUNDER_PAGE[role]
    if expected == "login":
        assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
    else:
        assert response.status_code == expected, role
    assert (ASK_TITLE.encode() in response.content) == (expected == 200), role


@pytest.mark.parametrize("role", ["member", "coordinator", "facilitator"])
def test_the_groups_own_people_and_facilitator_read_asks_and_commitments_unlogged(client, shared, role):
    """The facilitator (like members) reads the group's asks and commitments on its partners pages; the app logs
    outsiders' views (officers, funders), not the group's own people."""
    w = shared
    client.force_login(w.people[role])
    html = client.get(reverse("partners:group", args=[w.group.slug])).content.decode()
    assert ASK_TITLE in html and HEALTH_TITLE in html
    html = client.get(reverse("partners:ask", args=[w.group.slug, w.ask.pk])).content.decode()
    assert COMMITMENT in html and "Surveyors booked for March." in html
    assert not PartnerAccessLog.objects.filter(viewer=w.people[role]).exists()
    assert not AccessLog.objects.filter(viewer=w.people[role]).exists()


def test_another_groups_facilitator_does_not(client, shared):
    w = shared
    client.force_login(w.other_facilitator)
    assert client.get(reverse("partners:group", args=[w.group.slug])).status_code == 404


def test_the_groups_data_download_says_what_else_it_shared(shared):
    rows = next(table for table in readiness_section(shared.group) if table.name == "readiness/sharing").rows
    assert sorted((row["funder"], row["also_shared"]) for row in rows) == [("Fund A", ""), ("Fund A", "partners")]


def test_the_360giving_export_says_the_grant_also_shares_asks_and_commitments(client, shared):
    client.force_login(shared.reviewer_a)
    response = client.get(reverse("readiness:portfolio_360giving"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    (row,) = [row for row in rows if row["Recipient Org:Name"] == shared.group.name]
    assert row["Readiness:Shared"].split("; ")[-1] == "partners"
