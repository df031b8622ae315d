"""Partners data belongs to the group and to the people who wrote it (issue 18): a group's download holds its
asks, stages, commitments with both sides' notes and marks, the Four Co's, the officers it invited, its sharing
and the officers' access log; a person's download holds what they recorded and, for an officer, what they
opened; erasing a person keeps the group's record under "A former member"; the officers' access log is kept
for its retention period; purging a closed group takes its partners records with it."""

import csv
import io
import json
import zipfile
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from accounts.data_export import providers
from learning import group_export
from learning.models import Membership
from learning.partners.erasure import erase_personal_data
from learning.partners.group_export import partners_section
from learning.partners.models import (
    Ask,
    Commitment,
    PartnerAccessLog,
    PartnerContact,
    ProgressNote,
    PublicBody,
    StageRecord,
)
from learning.partners.personal_data import personal_data
from learning.partners.services import asks, officers
from learning.services.closing import close_group, purge_group
from tests.learning.factories import make_person

pytestmark = pytest.mark.django_db


def read_csv(archive, name):
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))


@pytest.fixture
def worked(world):
    """Group A's ask with the officer's decision and note, the group's note and mark, both Four Co's answers,
    and the officer's views in the access log; group B has an ask of its own."""
    w = world
    asks.record_stage(
        ask=w.ask, by=w.officer, stage="decided", happened_on=date(2026, 2, 20), decision="agreed", reasons="Fair."
    )
    asks.add_note(commitment=w.commitment, by=w.officer, text="Surveyors booked for March.")
    asks.add_note(commitment=w.commitment, by=w.member, text="Nobody has called at number 4.")
    asks.mark_commitment(commitment=w.commitment, by=w.coordinator, status="partly_kept", reason="Half the flats.")
    answers = {"commissioned": "community", "designed": "both", "delivered": "service", "assessed": "community"}
    asks.answer_four_cos(ask=w.ask, by=w.coordinator, answers=answers)
    asks.answer_four_cos(ask=w.ask, by=w.officer, answers={**answers, "commissioned": "service"})
    grant = w.group.partner_grants.get(body=w.council, revoked_at__isnull=True)
    officers.log_view(grant=grant, viewer=w.officer, kind="ask", detail=w.ask.title)
    w.their_ask = asks.record_ask(
        group=w.other_group,
        by=w.other_group.coordinator,
        body=w.council,
        title="BIRCH-SECRET ask",
        issue="Private to group B.",
        outcome="Better.",
        kind="informal",
        sent_on=date(2026, 1, 5),
        sent_how="email",
    )
    return w


def test_the_groups_download_holds_its_partners_records_in_both_sides_words(worked):
    w = worked
    target = io.BytesIO()
    group_export.write_group_zip(w.group, target)
    archive = zipfile.ZipFile(target)

    asked = {row["title"]: row for row in read_csv(archive, "partners/asks.csv")}
    assert set(asked) == {"Repairs in our flats", "A clinic nearer the scheme"}
    repairs = asked["Repairs in our flats"]
    assert repairs["public_body"] == "Glasgow City Council"
    assert repairs["issue"] == "Damp and mould reported months ago are still not fixed."
    assert repairs["kind"].startswith("A participation request")

    stages = read_csv(archive, "partners/stages.csv")
    assert [(row["stage"], row["date"]) for row in stages if row["ask"] == str(w.ask.pk)] == [
        ("Acknowledged by the public body", "2026-01-14"),
        ("Validated by the public body", "2026-01-20"),
        ("Decision notice received", "2026-02-20"),
    ]
    decided = stages[-1]
    assert (decided["decision"], decided["reasons"], decided["recorded_by_the_officer"]) == ("Agreed", "Fair.", "yes")
    assert decided["recorded_by"] == w.officer.get_display_name()

    [commitment] = read_csv(archive, "partners/commitments.csv")
    assert (commitment["what"], commitment["kept_or_not"], commitment["why"]) == (
        "Survey every flat for damp",
        "Partly kept",
        "Half the flats.",
    )
    assert commitment["marked_by"] == w.coordinator.get_display_name()

    notes = read_csv(archive, "partners/commitment_notes.csv")
    assert [(row["side"], row["note"]) for row in notes] == [
        ("The public body", "Surveyors booked for March."),
        ("The group", "Nobody has called at number 4."),
    ]

    four_cos = {row["side"]: row for row in read_csv(archive, "partners/four_cos.csv")}
    assert (four_cos["The group"]["decided"], four_cos["The public body"]["decided"]) == (
        "The community",
        "The service",
    )

    invited = {(row["officer"], row["public_body"]) for row in read_csv(archive, "partners/officers.csv")}
    assert (w.officer.display_name, "Glasgow City Council") in invited
    assert (w.officer_revoked.display_name, "NHS Greater Glasgow and Clyde") in invited

    sharing = {row["public_body"]: row for row in read_csv(archive, "partners/sharing.csv")}
    assert sharing["Glasgow City Council"]["stopped"] == ""
    assert sharing["NHS Greater Glasgow and Clyde"]["stopped"] != ""
    assert sharing["NHS Greater Glasgow and Clyde"]["stopped_by"] == w.coordinator.get_display_name()

    [looked] = read_csv(archive, "partners/access_log.csv")
    assert (looked["who"], looked["what"], looked["detail"]) == (
        w.officer.get_display_name(),
        "Opened an ask",
        "Repairs in our flats",
    )
    assert json.loads(archive.read("partners/asks.json"))[0]["title"] in asked
    readme = archive.read("README.txt").decode()
    assert "partners/commitment_notes.csv" in readme

    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"BIRCH-SECRET" not in everything
    assert w.officer.email.encode() not in everything


def test_partners_adds_its_tables_through_the_cores_registration():
    assert partners_section in group_export.sections()


def test_the_groups_partners_tables_take_the_same_queries_however_much_it_has(worked, django_assert_max_num_queries):
    w = worked
    with django_assert_max_num_queries(8):
        partners_section(w.group)
    for n in range(6):
        ask = asks.record_ask(
            group=w.group,
            by=w.coordinator,
            body=w.council,
            title=f"More {n}",
            issue="More.",
            outcome="More.",
            kind="participation",
            sent_on=date(2026, 1, 12),
            sent_how="email",
        )
        asks.record_stage(ask=ask, by=w.coordinator, stage="acknowledged", happened_on=date(2026, 1, 14))
        made = asks.record_commitment(ask=ask, by=w.coordinator, what="More", due_on=date(2026, 3, 1), owner="X")
        asks.add_note(commitment=made, by=w.officer, text="More.")
    with django_assert_max_num_queries(8):
        tables = partners_section(w.group)
    assert len(next(t for t in tables if t.name == "partners/asks").rows) == 8


def _files(parts):
    return {part["name"]: part["data"] for part in parts}


def test_a_coordinators_download_holds_what_they_recorded_marked_and_gave(worked):
    w = worked
    files = _files(personal_data(w.coordinator))
    assert {a["title"] for a in files["partners/asks_i_recorded.json"]} == {
        "Repairs in our flats",
        "A clinic nearer the scheme",
    }
    assert [s["stage"] for s in files["partners/stages_i_recorded.json"]] == [
        "Acknowledged by the public body",
        "Validated by the public body",
    ]
    assert [(c["what"], c["why"]) for c in files["partners/commitments_i_marked.json"]] == [
        ("Survey every flat for damp", "Half the flats.")
    ]
    assert [o["public_body"] for o in files["partners/officers_i_invited.json"]].count("Glasgow City Council") == 1
    assert {g["public_body"] for g in files["partners/sharing_i_gave.json"]} == {
        "Glasgow City Council",
        "NHS Greater Glasgow and Clyde",
    }
    # The officers the coordinator invited are theirs to name, not the coordinator's.
    assert w.officer.email not in json.dumps(files, default=str)
    assert files["partners/what_i_looked_at.json"] == []


def test_an_officers_download_holds_their_decision_notes_places_and_what_they_opened(worked):
    w = worked
    files = _files(personal_data(w.officer))
    [stage] = files["partners/stages_i_recorded.json"]
    assert (stage["stage"], stage["decision"], stage["as_partner_officer"]) == (
        "Decision notice received",
        "Agreed",
        True,
    )
    assert [(n["side"], n["note"]) for n in files["partners/notes_i_wrote.json"]] == [
        ("The public body", "Surveyors booked for March.")
    ]
    [place] = files["partners/my_places_as_partner_officer.json"]
    assert (place["group"], place["public_body"], place["email"]) == (
        w.group.name,
        "Glasgow City Council",
        w.officer.email,
    )
    assert [(e["what"], e["detail"]) for e in files["partners/what_i_looked_at.json"]] == [
        ("Opened an ask", "Repairs in our flats")
    ]
    assert files["partners/asks_i_recorded.json"] == [] and files["partners/commitments_i_marked.json"] == []


def test_the_hubs_download_and_erasure_of_a_person_include_partners():
    assert personal_data in providers()
    assert erase_personal_data in account_services.erasure_providers()


def test_erasing_an_officer_keeps_the_groups_record_as_a_former_members(worked, client):
    w = worked
    pending = PartnerContact.objects.create(
        group=w.other_group, body=w.council, name="Pending Name", email=w.officer.email, invited_by=None
    )
    account_services.erase_personal_data(user=w.officer)

    note = ProgressNote.objects.get(text="Surveyors booked for March.")
    assert note.author.get_display_name() == "A former member"
    decided = StageRecord.objects.get(ask=w.ask, stage="decided")
    assert decided.recorded_by_officer and decided.recorded_by.get_display_name() == "A former member"
    contact = PartnerContact.objects.get(pk=w.contact.pk)
    assert contact.ended_at is not None and (contact.name, contact.email) == ("A former partner officer", "")
    pending.refresh_from_db()
    assert pending.ended_at is not None and (pending.name, pending.email) == ("A former partner officer", "")
    assert PartnerAccessLog.objects.filter(group=w.group, viewer=w.officer).count() == 1
    # The group still reads every word on its ask page; nothing names the officer any more.
    client.force_login(w.coordinator)
    page = client.get(reverse("partners:ask", args=[w.group.slug, w.ask.pk])).content.decode()
    assert "Surveyors booked for March." in page
    assert w.officer.display_name not in page
    officers_page = client.get(reverse("partners:officers", args=[w.group.slug])).content.decode()
    assert "A former partner officer, Glasgow City Council" in officers_page
    assert w.officer.display_name not in officers_page and w.officer.email not in officers_page


def test_erasing_a_coordinator_keeps_their_asks_marks_and_notes(worked):
    w = worked
    # Another coordinator, so erasure is not refused for leaving the group without one.
    Membership.objects.filter(group=w.group, user=w.member).update(role="coordinator")
    account_services.erase_personal_data(user=w.coordinator)
    assert Ask.objects.filter(group=w.group).count() == 2
    marked = Commitment.objects.get(pk=w.commitment.pk)
    assert (marked.status, marked.status_reason) == ("partly_kept", "Half the flats.")
    assert marked.marked_by.get_display_name() == "A former member"


def test_the_officers_access_log_is_kept_for_its_period_then_goes(worked, settings):
    w = worked
    settings.PARTNERS_ACCESS_LOG_RETENTION_DAYS = 30
    old = PartnerAccessLog.objects.create(
        group=w.group, body=w.council, viewer=w.officer, kind="group", viewed_at=timezone.now() - timedelta(days=31)
    )
    dry = StringIO()
    call_command("apply_retention", "--dry-run", stdout=dry)
    assert "partner officers' access log entries" in dry.getvalue()
    assert PartnerAccessLog.objects.filter(pk=old.pk).exists()
    call_command("apply_retention", stdout=StringIO())
    assert not PartnerAccessLog.objects.filter(pk=old.pk).exists()
    assert PartnerAccessLog.objects.filter(group=w.group, kind="ask").count() == 1


def test_purging_a_closed_group_takes_its_partners_records_and_keeps_the_bodies(worked):
    w = worked
    close_group(group=w.group, by=w.coordinator)
    result = purge_group(w.group)
    assert not result.refused
    for label in ("partners.Ask", "partners.StageRecord", "partners.Commitment", "partners.ProgressNote"):
        assert result.removed.get(label), label
    assert result.removed.get("partners.PartnerAccessLog") == 1
    assert not Ask.objects.filter(group_id=w.group.pk).exists()
    assert PublicBody.objects.filter(name="Glasgow City Council").exists()
    assert Ask.objects.filter(pk=w.their_ask.pk).exists()


def test_an_officer_invitation_of_a_closed_group_cannot_be_accepted(worked):
    w = worked
    person = make_person(email="late.officer@example.org")
    contact = PartnerContact.objects.create(
        group=w.group, body=w.council, name="Late Officer", email=person.email, invited_by=w.coordinator
    )
    assert officers.invitation_refusal(contact, person) is None
    close_group(group=w.group, by=w.coordinator)
    contact = PartnerContact.objects.select_related("group").get(pk=contact.pk)
    assert officers.invitation_refusal(contact, person) == str(officers.NOT_USABLE)
