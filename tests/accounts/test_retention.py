"""Retention (issue 12, item 8): `manage.py apply_retention` deletes sign-in records and funder access log entries
older than their documented periods, keeps younger ones, says how many went, and changes nothing on --dry-run."""

from datetime import timedelta
from html import unescape
from io import StringIO
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from axes.models import AccessLog as AxesAccessLog
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import PersonalDataExport
from accounts.retention import sign_in_records_days
from home.models import SiteSettings
from learning.readiness.conf import access_log_retention_days
from learning.readiness.models import AccessLog
from tests.readiness.conftest import private_media, share, world  # noqa: F401 (fixtures used by these tests)

pytestmark = pytest.mark.django_db


def axes_rows(age_days, email):
    when = timezone.now() - timedelta(days=age_days)
    common = {"username": email, "ip_address": "203.0.113.7", "user_agent": "Browser/1.0", "path_info": "/"}
    rows = [
        AxesAccessLog.objects.create(**common),
        AccessFailureLog.objects.create(**common),
        AccessAttempt.objects.create(**common, get_data="", post_data="", failures_since_start=1),
    ]
    # attempt_time is auto_now_add: set the age afterwards.
    for row in rows:
        type(row).objects.filter(pk=row.pk).update(attempt_time=when)
    return rows


def access_log(world, age_days):  # noqa: F811 (the fixture imported above)
    grant = share(world)
    return AccessLog.objects.create(
        group=world.group,
        funder=grant.funder,
        grant=grant,
        viewer=world.reviewer_a,
        kind="profile",
        viewed_at=timezone.now() - timedelta(days=age_days),
    )


def run(*args):
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_records_older_than_their_periods_go_and_younger_ones_stay(world, settings):  # noqa: F811
    settings.ACCOUNTS_SIGN_IN_RECORDS_RETENTION_DAYS = 90
    settings.READINESS_ACCESS_LOG_RETENTION_DAYS = 730
    old_sign_ins = axes_rows(91, "old@example.org")
    recent_sign_ins = axes_rows(89, "recent@example.org")
    old_look = access_log(world, 731)
    recent_look = access_log(world, 700)

    report = run()

    assert "Deleted 1 sign-in records older than 90 days." in report
    assert "Deleted 1 failed sign-in records older than 90 days." in report
    assert "Deleted 1 sign-in attempts being counted older than 90 days." in report
    assert "Deleted 1 funder access log entries older than 730 days." in report
    for row in old_sign_ins + [old_look]:
        assert not type(row).objects.filter(pk=row.pk).exists(), row
    for row in recent_sign_ins + [recent_look]:
        assert type(row).objects.filter(pk=row.pk).exists(), row

    # Run again: nothing more is old enough.
    assert "Deleted 0 funder access log entries older than 730 days." in run()


def test_expired_data_downloads_go_with_their_files(world, settings):  # noqa: F811
    expired = PersonalDataExport.objects.create(
        user=world.member,
        status=PersonalDataExport.READY,
        file=ContentFile(b"zip", name="old.zip"),
        expires_at=timezone.now() - timedelta(hours=1),
    )
    current = PersonalDataExport.objects.create(
        user=world.member,
        status=PersonalDataExport.READY,
        file=ContentFile(b"zip", name="new.zip"),
        expires_at=timezone.now() + timedelta(days=1),
    )
    expired_file = Path(expired.file.path)

    assert "expired data downloads: not counted in a dry run" in run("--dry-run")
    assert expired_file.exists()

    assert "Deleted 1 expired data downloads." in run()
    assert not PersonalDataExport.objects.filter(pk=expired.pk).exists()
    assert not expired_file.exists()
    assert PersonalDataExport.objects.filter(pk=current.pk).exists()


def test_a_dry_run_counts_and_deletes_nothing(world, settings):  # noqa: F811
    settings.ACCOUNTS_SIGN_IN_RECORDS_RETENTION_DAYS = 30
    axes_rows(31, "old@example.org")
    access_log(world, 2000)

    report = run("--dry-run")

    assert "Would delete 1 sign-in records older than 30 days." in report
    assert "Would delete 1 funder access log entries older than 730 days." in report
    assert "Dry run: nothing was changed." in report
    assert AxesAccessLog.objects.count() == 1
    assert AccessLog.objects.count() == 1


def test_the_periods_follow_the_settings(world, settings):  # noqa: F811
    settings.ACCOUNTS_SIGN_IN_RECORDS_RETENTION_DAYS = 7
    settings.READINESS_ACCESS_LOG_RETENTION_DAYS = 10
    axes_rows(8, "a@example.org")
    access_log(world, 11)
    report = run()
    assert "Deleted 1 sign-in records older than 7 days." in report
    assert "Deleted 1 funder access log entries older than 10 days." in report
    assert not AccessLog.objects.exists()


def test_the_defaults_are_the_documented_periods():
    assert sign_in_records_days() == 90
    assert access_log_retention_days() == 730


def privacy_notice_text(client, site):
    page = SiteSettings.for_site(site).privacy_page
    return page, unescape(client.get(page.url).content.decode())


def test_sign_up_links_to_the_privacy_notice_which_quotes_the_settings(client, demo, settings):
    page, notice = privacy_notice_text(client, demo)
    signup = client.get(reverse("accounts:signup")).content.decode()
    assert f'<a href="{page.url}">privacy notice</a>' in signup

    assert f"Sign-in records: {settings.ACCOUNTS_SIGN_IN_RECORDS_RETENTION_DAYS} days." in notice
    assert f"funders looking at your group: {settings.READINESS_ACCESS_LOG_RETENTION_DAYS} days" in notice
    assert f"deleted {settings.LEARNING_CLOSED_GROUP_RETENTION_DAYS} days after it closes" in notice
    assert f"A download of your data: {settings.ACCOUNTS_DATA_EXPORT_DAYS} days" in notice
    for heading in ("What we keep", "Who sees it", "How long we keep it", "Take a copy of your data"):
        assert heading in notice
    assert "only what your group's coordinator chooses to share" in notice
    # Its links lead to the pages that export and erase.
    assert f'href="{reverse("accounts:personal_data")}"' in notice
    assert f'href="{reverse("accounts:erase")}"' in notice


def test_the_notice_follows_a_changed_period_when_the_demo_is_loaded_again(client, demo, settings):
    settings.ACCOUNTS_SIGN_IN_RECORDS_RETENTION_DAYS = 45
    settings.DEBUG = True  # load_demo refuses to run otherwise
    call_command("load_demo", stdout=StringIO())
    settings.DEBUG = False
    _page, notice = privacy_notice_text(client, demo)
    assert "Sign-in records: 45 days." in notice
