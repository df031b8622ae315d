"""Certificates that lapse (issue 16, item 6): a pathway's validity period, "Valid until" on the certificate (or
that it lapsed), a daily notice and email to the coordinators 60 days before (once), and the caseload showing it."""

import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from learning.models import Certificate, Notice, PathwayPage
from learning.models.progress import add_months
from learning.services import progress
from learning.services.closing import close_group

from .factories import assign_facilitator, make_group, make_pathway, steps_of

pytestmark = pytest.mark.django_db


def day(value):
    return value.strftime("%-d %B %Y")


def complete(group, pathway):
    progress.enrol(group=group, pathway=pathway, by=group.coordinator)
    for step in steps_of(pathway):
        progress.mark_done(group=group, step=step, by=group.coordinator)
    return Certificate.objects.get(group=group, pathway=pathway)


def with_validity(pathway, months):
    page = PathwayPage.objects.get(pk=pathway.pk)
    page.validity_months = months
    page.save_revision().publish()
    return PathwayPage.objects.get(pk=pathway.pk)


def issued(group, *, valid_until, title="Ready to co-produce"):
    return Certificate.objects.create(
        group=group,
        pathway=None,
        group_name=group.name,
        pathway_title=title,
        completed_at=timezone.now() - timedelta(days=300),
        valid_until=valid_until,
    )


def run_command():
    out = io.StringIO()
    call_command("notify_certificates_lapsing", stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
        (date(2026, 3, 10), 36, date(2029, 3, 10)),
    ],
)
def test_months_are_added_as_people_count_them(start, months, expected):
    assert add_months(start, months) == expected


def test_a_pathway_with_a_validity_period_issues_certificates_valid_until_a_date(client):
    pathway = with_validity(make_pathway(stages=1, steps_per_stage=2), 12)
    certificate = complete(make_group(name="Oak Street Neighbours"), pathway)
    expected = add_months(timezone.localdate(certificate.completed_at), 12)
    assert certificate.valid_until == expected
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert f'Valid until <time datetime="{expected.isoformat()}">{day(expected)}</time>.' in html
    assert f"Checked today: this certificate is valid until {day(expected)}." in html
    assert "lapsed" not in html


def test_a_pathway_without_one_issues_certificates_that_never_lapse(client):
    certificate = complete(make_group(), make_pathway(stages=1, steps_per_stage=1))
    assert certificate.valid_until is None
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert "Valid until" not in html
    assert "Checked today: this certificate does not lapse." in html


def test_a_lapsed_certificate_says_so_to_anyone_checking_it(client):
    valid_until = timezone.localdate() - timedelta(days=3)
    certificate = issued(make_group(name="Oak Street Neighbours"), valid_until=valid_until)
    html = client.get(certificate.get_absolute_url()).content.decode()
    lapsed_on = day(valid_until + timedelta(days=1))
    assert f"This certificate lapsed on {lapsed_on}." in html
    assert f"Checked today: this certificate is not valid. It lapsed on {lapsed_on}." in html
    assert f'It was valid until <time datetime="{valid_until.isoformat()}">{day(valid_until)}</time>.' in html
    # Still valid on its last day.
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=timezone.localdate())
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert "lapsed" not in html and f"valid until {day(timezone.localdate())}" in html


def test_changing_the_period_later_never_rewrites_a_certificate_already_issued():
    pathway = with_validity(make_pathway(stages=1, steps_per_stage=1), 24)
    certificate = complete(make_group(), pathway)
    before = certificate.valid_until
    with_validity(pathway, 6)
    certificate.refresh_from_db()
    assert certificate.valid_until == before


def test_editors_set_the_period_on_the_pathway_page_with_help(admin_client):
    pathway = make_pathway(stages=1, steps_per_stage=1)
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[pathway.pk])).content.decode()
    assert "Certificate valid for (months)" in html
    assert "Leave blank if it never lapses." in html


def test_coordinators_are_told_and_emailed_once_60_days_before(settings, django_capture_on_commit_callbacks):
    settings.LEARNING_SITE_URL = "https://hub.example.org"
    group = make_group(members=1, name="Oak Street Neighbours")
    lapsing = issued(group, valid_until=timezone.localdate() + timedelta(days=60))
    issued(group, valid_until=timezone.localdate() + timedelta(days=61), title="Later")
    issued(group, valid_until=timezone.localdate() - timedelta(days=1), title="Gone already")
    issued(group, valid_until=None, title="Forever")
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            run_command()
    notices = Notice.objects.filter(kind="certificate_lapsing")
    assert [(notice.recipient_id, notice.url) for notice in notices] == [
        (group.coordinator.pk, lapsing.get_absolute_url())
    ]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [group.coordinator.email]
    text = (
        f"The certificate of Oak Street Neighbours for “Ready to co-produce” is valid until "
        f"{day(lapsing.valid_until)}. It lapses after that day."
    )
    assert message.subject == text
    assert "https://hub.example.org/notices/" in message.body
    # Renewed with a new date, it is a new event: told again once.
    Certificate.objects.filter(pk=lapsing.pk).update(valid_until=timezone.localdate() + timedelta(days=30))
    run_command()
    assert Notice.objects.filter(kind="certificate_lapsing").count() == 2


def test_a_coordinator_who_chose_no_email_gets_the_notice_only(django_capture_on_commit_callbacks):
    from learning.services.notices import set_email_choices

    group = make_group()
    set_email_choices(user=group.coordinator, choices={"certificate_lapsing": False})
    issued(group, valid_until=timezone.localdate() + timedelta(days=10))
    with django_capture_on_commit_callbacks(execute=True):
        run_command()
    assert Notice.objects.filter(kind="certificate_lapsing", recipient=group.coordinator).count() == 1
    assert mail.outbox == []


def test_closed_groups_are_not_told():
    group = make_group()
    issued(group, valid_until=timezone.localdate() + timedelta(days=10))
    close_group(group=group, by=group.coordinator)
    run_command()
    assert not Notice.objects.filter(kind="certificate_lapsing").exists()


def test_the_facilitator_sees_a_lapsing_certificate_on_the_caseload(client):
    group = make_group(name="Oak Street Neighbours")
    facilitator = assign_facilitator(group)
    certificate = issued(group, valid_until=timezone.localdate() + timedelta(days=20))
    client.force_login(facilitator)
    html = client.get(reverse("learning:caseload")).content.decode()
    short = (timezone.localdate() + timedelta(days=20)).strftime("%-d %b %Y")
    assert f'<a href="{certificate.get_absolute_url()}">Ready to co-produce</a>: valid until {short}' in html
