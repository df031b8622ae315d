"""A person's copy of their own data (issue 12, item 7): /accounts/data/ explains what the download holds and
prepares a zip in the background with their account, groups, activity, step changes, reflections, evidence
(and the files they uploaded), ratings, stories (and photos) and sign-in history, plus a README; nothing of
anyone else; only they can download it, and only until it expires."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from axes.models import AccessLog as AxesAccessLog
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Site
from wagtail.users.models import UserProfile

from accounts import data_export
from accounts.models import PersonalDataExport
from learning.group_export import request_group_export
from learning.models import GroupExport
from learning.readiness.services import assessment
from learning.services import evidence as evidence_services
from learning.services import notices as notice_services
from learning.services import progress
from resources.services.stories import submit_story
from tests.images import jpeg_with_location, png_with_text
from tests.learning.factories import PDF_BYTES, keep_evidence
from tests.readiness.conftest import private_media, world  # noqa: F401 (fixtures used by these tests)
from tests.resources.factories import make_case_study_index

pytestmark = pytest.mark.django_db

SECRET = "BOB-SECRET"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def story(user, title, text):
    """A story with a photo, sent through "Tell your story" (to the site's case study index)."""
    photo = SimpleUploadedFile("us-at-the-hall.jpg", jpeg_with_location(), content_type="image/jpeg")
    return submit_story(
        user=user,
        title=title,
        group_name="Oak Street Neighbours",
        place="fife",
        activities=["co_design"],
        what_happened=text,
        what_changed="More people came.",
        photo=photo,
        photo_alt=f"{title} photo",
    )


@pytest.fixture
def alice(world):  # noqa: F811 (the fixture imported above)
    """Group A's member, with something of every kind; the coordinator and group B's member with their own secrets."""
    w = world
    make_case_study_index(Site.objects.get(is_default_site=True).root_page)
    alice = w.member
    alice.display_name, alice.first_name, alice.last_name = "Alice Ash", "Alice", "Ash"
    alice.email_confirmed_at = timezone.now()
    alice.save()
    bob, carol = w.coordinator, w.other
    for person, name in ((bob, f"{SECRET} Bob"), (carol, f"{SECRET} Carol")):
        person.display_name = name
        person.email_confirmed_at = timezone.now()
        person.save()

    progress.mark_done(group=w.group, step=w.steps[1], by=alice)
    evidence_services.add_reflection(group=w.group, step=w.steps[1], by=alice, text="Alice wrote this reflection.")
    open_round = assessment.open_round(group=w.group, kind="review", by=bob)
    assessment.record_member_ratings(
        assessment_round=open_round, member=alice, ratings={w.governance: (2, "Alice thinks we meet often.")}
    )
    story(alice, "Alice's lunch club", "Alice's story of the lunch club.")
    notice_services.set_email_choices(user=alice, choices={"step_to_verify": False})
    AxesAccessLog.objects.create(
        username=alice.email, ip_address="203.0.113.7", user_agent="AliceBrowser/1.0", path_info="/accounts/sign-in/"
    )
    AccessAttempt.objects.create(
        username=alice.email.upper(),
        ip_address="203.0.113.8",
        user_agent="AliceBrowser/1.0",
        path_info="/accounts/sign-in/",
        get_data="",
        post_data="",
        failures_since_start=2,
    )

    # Other people's records, in the same group and in another, each carrying the secret.
    evidence_services.add_reflection(group=w.group, step=w.steps[1], by=bob, text=f"{SECRET} reflection")
    keep_evidence(w.group, bob, f"{SECRET} evidence")
    assessment.record_member_ratings(
        assessment_round=open_round, member=bob, ratings={w.governance: (4, f"{SECRET} comment")}
    )
    progress.enrol(group=w.other_group, pathway=w.pathway, by=w.other_group.coordinator)
    progress.mark_done(group=w.other_group, step=w.steps[0], by=carol)
    evidence_services.add_reflection(group=w.other_group, step=w.steps[0], by=carol, text=f"{SECRET} in group B")
    story(carol, f"{SECRET} story", f"{SECRET} story text")
    AxesAccessLog.objects.create(
        username=bob.email, ip_address="198.51.100.9", user_agent=f"{SECRET}-BROWSER", path_info="/accounts/sign-in/"
    )
    w.alice = alice
    return w


def prepare(client):
    response = client.post(reverse("accounts:personal_data"))
    assert response.status_code == 302
    return PersonalDataExport.objects.latest("created_at")


def download(client, export):
    response = client.get(reverse("accounts:personal_data_download", args=[export.pk]))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment")
    return zipfile.ZipFile(io.BytesIO(body(response)))


def read_json(archive, name):
    return json.loads(archive.read(name))


def test_the_page_says_what_the_download_holds_and_offers_a_button(client, alice):
    client.force_login(alice.alice)
    response = client.get(reverse("accounts:personal_data"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "What the download holds" in text
    assert "the stories you sent in and their photos" in text
    assert "You have not asked for a download yet." in text
    assert "Prepare my download" in text
    assert 'name="csrfmiddlewaretoken"' in text
    # The account page links to it.
    assert reverse("accounts:personal_data") in client.get(reverse("accounts:account")).content.decode()


def test_the_zip_holds_everything_about_the_person(client, alice):
    w = alice
    client.force_login(w.alice)
    export = prepare(client)
    page = client.get(reverse("accounts:personal_data")).content.decode()
    assert "Ready." in page
    assert f"download it until {timezone.localtime(export.expires_at):%-d %B %Y}" in page

    archive = download(client, export)
    names = set(archive.namelist())

    account = read_json(archive, "account/account.json")
    assert account["email"] == w.alice.email
    assert (account["display_name"], account["first_name"], account["last_name"]) == ("Alice Ash", "Alice", "Ash")
    assert account["email_confirmed"] is not None
    assert account["joined"] is not None
    assert account["two_step_sign_in"] is False

    history = read_json(archive, "account/sign_in_history.json")
    assert {(h["kind"], h["ip_address"], h["browser"]) for h in history} == {
        ("signed in", "203.0.113.7", "AliceBrowser/1.0"),
        ("failed tries", "203.0.113.8", "AliceBrowser/1.0"),
    }

    groups = read_json(archive, "learning/groups.json")
    assert [(g["group"], g["role"], g["left"]) for g in groups] == [("Oak Street Neighbours", "Member", None)]
    activity = read_json(archive, "learning/activity.json")
    assert {(a["what"], a["step"]) for a in activity} >= {
        ("marked a step done", w.steps[1].title),
        ("added a reflection", w.steps[1].title),
        ("added evidence", ""),
    }
    assert [(s["step"], s["status"]) for s in read_json(archive, "learning/step_progress.json")] == [
        (w.steps[1].title, "Done")
    ]
    assert [r["text"] for r in read_json(archive, "learning/reflections.json")] == ["Alice wrote this reflection."]
    evidence = read_json(archive, "learning/evidence.json")
    assert [e["title"] for e in evidence] == ["Signed constitution"]
    assert archive.read(evidence[0]["file_in_this_download"]) == PDF_BYTES

    notices = read_json(archive, "learning/notices.json")
    # The world's first round and the review round opened above.
    opened = "Oak Street Neighbours has opened a self-assessment round. Record your view of each area."
    assert [(n["notice"], n["group"], n["opened"]) for n in notices] == [(opened, w.group.name, None)] * 2
    assert notices[0]["link"] and notices[0]["made"]
    assert read_json(archive, "learning/notice_emails.json") == [{"kind": "step_to_verify", "email": False}]

    ratings = read_json(archive, "readiness/my_ratings.json")
    assert [(r["area"], r["level"], r["comment"]) for r in ratings] == [
        ("Governance", 2, "Alice thinks we meet often.")
    ]

    stories = read_json(archive, "stories/stories.json")
    assert [(s["title"], s["status"]) for s in stories] == [("Alice's lunch club", "Waiting for review")]
    assert stories[0]["what_happened"] == ["Alice's story of the lunch club."]
    assert stories[0]["what_changed"] == "More people came."
    (photo,) = stories[0]["photos_in_this_download"]
    assert photo in names
    assert archive.read(photo)[:2] == b"\xff\xd8"  # a JPEG

    readme = archive.read("README.txt").decode()
    for name in names - {"README.txt"}:
        if name.endswith(".json"):
            assert name in readme, name
    assert "learning/evidence-files/" in readme
    assert "stories/photos/" in readme


def test_the_zip_holds_nothing_of_anyone_else(client, alice):
    w = alice
    client.force_login(w.alice)
    archive = download(client, prepare(client))
    forbidden = [
        SECRET,
        w.coordinator.email,
        w.other.email,
        w.other_group.name,
        "198.51.100.9",
    ]
    for name in archive.namelist():
        content = archive.read(name).decode("utf-8", errors="replace")
        for text in forbidden:
            assert text not in content, f"{text!r} found in {name}"
    assert not [name for name in archive.namelist() if SECRET.lower() in name.lower()]


def test_only_the_person_can_download_it(client, alice):
    w = alice
    client.force_login(w.alice)
    export = prepare(client)
    url = reverse("accounts:personal_data_download", args=[export.pk])

    client.force_login(w.coordinator)
    response = client.get(url)
    assert response.status_code == 404
    assert b"Alice" not in body(response)
    # Their own page does not show Alice's download either.
    assert url not in client.get(reverse("accounts:personal_data")).content.decode()

    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]
    response = client.get(reverse("accounts:personal_data"))
    assert response.status_code == 302


def test_an_unknown_id_is_404(client, alice):
    client.force_login(alice.alice)
    assert client.get(reverse("accounts:personal_data_download", args=[999999])).status_code == 404


def test_an_expired_download_is_refused_and_purged_with_its_file(client, alice):
    client.force_login(alice.alice)
    export = prepare(client)
    storage, name = export.file.storage, export.file.name
    assert storage.exists(name)
    PersonalDataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    response = client.get(reverse("accounts:personal_data_download", args=[export.pk]))
    assert response.status_code == 410
    assert "This download has expired" in response.content.decode()
    page = client.get(reverse("accounts:personal_data")).content.decode()
    assert "Expired." in page
    assert "Prepare a new download" in page

    assert data_export.purge_expired_exports() == 1
    assert not PersonalDataExport.objects.filter(pk=export.pk).exists()
    assert not storage.exists(name)
    assert client.get(reverse("accounts:personal_data_download", args=[export.pk])).status_code == 404


def test_the_purge_keeps_downloads_still_in_date(client, alice):
    client.force_login(alice.alice)
    export = prepare(client)
    assert data_export.purge_expired_exports() == 0
    assert export.file.storage.exists(export.file.name)


def test_while_it_is_prepared_the_page_says_so_and_asking_again_makes_no_second(client, alice, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(alice.alice)
    export = prepare(client)
    assert export.status == "preparing"
    page = client.get(reverse("accounts:personal_data")).content.decode()
    assert "Being prepared." in page
    assert "Prepare" not in page.split("Your download")[1]
    client.post(reverse("accounts:personal_data"))
    assert PersonalDataExport.objects.filter(user=alice.alice).count() == 1
    assert client.get(reverse("accounts:personal_data_download", args=[export.pk])).status_code == 404

    data_export.prepare_personal_export(export_id=export.pk)
    assert "Ready." in client.get(reverse("accounts:personal_data")).content.decode()


def test_accounts_works_without_the_plugin_providers(client, alice, settings):
    settings.ACCOUNTS_PERSONAL_DATA_PROVIDERS = []
    client.force_login(alice.alice)
    archive = download(client, prepare(client))
    assert set(archive.namelist()) == {"README.txt", "account/account.json", "account/sign_in_history.json"}


def test_building_the_zip_takes_as_many_queries_for_a_busy_person_as_for_a_new_one(
    alice, django_assert_max_num_queries
):
    w = alice
    first = PersonalDataExport.objects.create(user=w.alice)
    with django_assert_max_num_queries(BUILD_BUDGET):
        data_export.prepare_personal_export(export_id=first.pk)
    for n in range(30):
        evidence_services.add_reflection(group=w.group, step=w.steps[n % len(w.steps)], by=w.alice, text=f"Note {n}")
    for n in range(8):
        keep_evidence(w.group, w.alice, f"Minutes {n}")
    for n in range(3):
        story(w.alice, f"Another story {n}", "We did more.")
    second = PersonalDataExport.objects.create(user=w.alice)
    with django_assert_max_num_queries(BUILD_BUDGET):
        data_export.prepare_personal_export(export_id=second.pk)
    second.refresh_from_db()
    archive = zipfile.ZipFile(second.file.open("rb"))
    assert len(read_json(archive, "learning/reflections.json")) == 31
    assert len([n for n in archive.namelist() if n.startswith("learning/evidence-files/")]) == 9
    assert len([n for n in archive.namelist() if n.startswith("stories/photos/")]) == 4


# Measured: 34 queries for Alice with one of everything (a table each, the story's workflow state, revisions
# and photo, axes' three tables, the export row, its save and the look for an older download), and 35 with
# 31 reflections, 9 evidence files and 4 stories with photos (the one more deletes the download it replaces).
# Partners adds one a file (ten), however much the person wrote.
BUILD_BUDGET = 45


def test_the_purge_command_deletes_expired_personal_and_group_downloads(client, alice):
    w = alice
    client.force_login(w.alice)
    mine = prepare(client)
    theirs = request_group_export(group=w.group, by=w.coordinator)
    kept = request_group_export(group=w.other_group, by=w.other_group.coordinator)
    PersonalDataExport.objects.filter(pk=mine.pk).update(expires_at=timezone.now() - timedelta(days=1))
    GroupExport.objects.filter(pk=theirs.pk).update(expires_at=timezone.now() - timedelta(days=1))
    out = io.StringIO()
    call_command("purge_expired_exports", stdout=out)
    assert "Deleted 2 expired data download(s)." in out.getvalue()
    assert not mine.file.storage.exists(mine.file.name)
    assert not theirs.file.storage.exists(theirs.file.name)
    assert list(GroupExport.objects.values_list("pk", flat=True)) == [kept.pk]
    assert kept.file.storage.exists(kept.file.name)


def test_asking_again_replaces_the_last_download_rather_than_piling_up_copies(client, alice):
    client.force_login(alice.alice)
    first = prepare(client)
    second = prepare(client)
    assert list(PersonalDataExport.objects.filter(user=alice.alice)) == [second]
    assert not first.file.storage.exists(first.file.name)
    assert client.get(reverse("accounts:personal_data_download", args=[first.pk])).status_code == 404


def test_the_account_file_says_when_two_step_sign_in_is_on(client, alice):
    TOTPDevice.objects.create(user=alice.alice, name="Phone", confirmed=True)
    client.force_login(alice.alice)
    archive = download(client, prepare(client))
    assert read_json(archive, "account/account.json")["two_step_sign_in"] is True


def test_a_download_that_never_finished_can_be_asked_for_again(client, alice, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(alice.alice)
    stuck = prepare(client)
    PersonalDataExport.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - timedelta(hours=2))
    page = client.get(reverse("accounts:personal_data")).content.decode()
    assert "could not be prepared" in page
    assert "Prepare a new download" in page
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    fresh = prepare(client)
    assert fresh.pk != stuck.pk
    assert "Ready." in client.get(reverse("accounts:personal_data")).content.decode()


def test_an_editors_admin_profile_and_avatar_are_in_it(client, alice):
    profile = UserProfile.get_for_user(alice.alice)
    profile.preferred_language = "en-gb"
    profile.avatar = SimpleUploadedFile("me.png", png_with_text(), content_type="image/png")
    profile.save()
    client.force_login(alice.alice)
    archive = download(client, prepare(client))
    account = read_json(archive, "account/account.json")
    assert account["admin_profile"]["preferred_language"] == "en-gb"
    assert account["admin_profile"]["has_avatar"] is True
    (avatar,) = [name for name in archive.namelist() if name.startswith("account/avatar-")]
    assert archive.read(avatar).startswith(b"\x89PNG")
    assert "Your picture in the editors' admin." in archive.read("README.txt").decode()


def test_a_download_that_fails_to_build_says_so(client, alice, monkeypatch):
    def broken(user, target):
        raise RuntimeError("disk full")

    monkeypatch.setattr(data_export, "write_personal_zip", broken)
    client.force_login(alice.alice)
    export = prepare(client)
    assert PersonalDataExport.objects.get(pk=export.pk).status == "failed"
    page = client.get(reverse("accounts:personal_data")).content.decode()
    assert "could not be prepared" in page
    assert "Prepare a new download" in page
