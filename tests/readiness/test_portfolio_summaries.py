"""Each grant's portfolio summary stays true as groups and funders act, within the grant's scope, and a
recount from the raw rows gives exactly what the services kept."""

import csv
import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.log_actions import log

from learning.readiness.models import AccessKind, AccessLog, ReadinessDomain, ShareGrant
from learning.readiness.services import sharing, summaries
from learning.services import progress
from tests.learning.factories import make_group

from .conftest import closed_round, post_review, share

pytestmark = pytest.mark.django_db

SUMMARY = summaries.SUMMARY_FIELDS


def kept(grants):
    return {grant.pk: tuple(getattr(grant, name) for name in SUMMARY) for grant in grants}


def stored_summaries():
    return kept(ShareGrant.objects.order_by("pk"))


def test_a_new_grant_carries_the_groups_latest_round_progress_and_this_funders_decision(world):
    grant = share(world)
    assert grant.summary_levels == {str(world.governance.pk): 3, str(world.money.pk): 1}
    assert grant.summary_readiness == 2.0
    assert grant.summary_assessed_at == world.round.closed_at
    assert grant.summary_progress_at is not None
    assert grant.summary_activity_at == max(grant.summary_progress_at, grant.summary_assessed_at)
    assert grant.summary_decision == ""
    post_review(grant, "conditions")
    grant.refresh_from_db()
    assert grant.summary_decision == "conditions"


def test_a_grant_that_shares_only_progress_never_carries_levels(world):
    grant = share(world, share_self_assessment=False, share_evidence=False)
    closed_round(world.group, world.coordinator, {world.governance: 4, world.money: 4, world.safety: 4})
    grant.refresh_from_db()
    assert grant.summary_levels == {}
    assert grant.summary_readiness is None
    assert grant.summary_assessed_at is None
    assert grant.summary_activity_at == grant.summary_progress_at


def test_a_grant_that_shares_only_the_self_assessment_never_carries_pathway_activity(world):
    grant = share(world, share_progress=False, share_evidence=False)
    progress.mark_done(group=world.group, step=world.steps[1], by=world.member)
    grant.refresh_from_db()
    assert grant.summary_progress_at is None
    assert grant.summary_activity_at == world.round.closed_at


def test_pathway_activity_moves_only_the_groups_open_grants_that_share_progress_and_only_forwards(world):
    grant = share(world)
    no_progress = share(world, funder=world.funder_b, share_progress=False, share_evidence=False)
    other = share(world, group=world.other_group)
    other_before = stored_summaries()[other.pk]
    later = timezone.now() + timedelta(days=2)

    summaries.after_progress(group_id=world.group.pk, activity_at=later)

    grant.refresh_from_db()
    assert grant.summary_progress_at == later
    assert grant.summary_activity_at == later  # later than the round the grant also shares
    no_progress.refresh_from_db()
    assert no_progress.summary_progress_at is None
    assert no_progress.summary_activity_at == world.round.closed_at
    assert stored_summaries()[other.pk] == other_before

    # An earlier time (a slow press committing after a quicker one) never takes the summary back.
    summaries.after_progress(group_id=world.group.pk, activity_at=later - timedelta(days=1))
    grant.refresh_from_db()
    assert (grant.summary_progress_at, grant.summary_activity_at) == (later, later)

    # A round closed after the activity stays the latest activity when older progress comes in.
    grant.summary_assessed_at = later + timedelta(days=1)
    grant.save(update_fields=["summary_assessed_at"])
    summaries.after_progress(group_id=world.group.pk, activity_at=later + timedelta(hours=1))
    grant.refresh_from_db()
    assert grant.summary_progress_at == later + timedelta(hours=1)
    assert grant.summary_activity_at == later + timedelta(days=1)

    revoked = sharing.revoke_access(grant=grant, by=world.coordinator)
    summaries.after_progress(group_id=world.group.pk, activity_at=later + timedelta(days=5))
    revoked.refresh_from_db()
    assert (revoked.summary_progress_at, revoked.summary_activity_at) == (None, None)


def test_revoking_empties_the_summary_at_once(world):
    grant = share(world)
    revoked = sharing.revoke_access(grant=grant, by=world.coordinator)
    revoked.refresh_from_db()
    assert kept([revoked])[revoked.pk] == (
        {},
        None,
        None,
        None,
        None,
        "",
    )


def test_a_recount_gives_exactly_what_the_services_kept_after_a_mixed_series_of_actions(world):
    """Rounds closed before and after sharing, progress, reviews by two funders, a narrower share that
    replaces a wider one, a revoke, and a group that shares only progress."""
    w = world
    everything_a = share(w)
    share(w, funder=w.funder_b, share_self_assessment=False, share_evidence=False)
    progress.mark_done(group=w.group, step=w.steps[1], by=w.member)
    post_review(everything_a, "not_yet")
    closed_round(w.group, w.coordinator, {w.governance: 4, w.money: 2, w.safety: 3}, kind="review")
    post_review(everything_a, "ready")
    # Group A narrows what funder A sees: the new grant replaces the old one.
    share(w, share_progress=False, share_evidence=False)
    other = make_group(name="Rowan Court Tenants")
    progress.enrol(group=other, pathway=w.pathway, by=other.coordinator)
    other_grant = share(w, group=other, share_self_assessment=False, share_evidence=False)
    progress.mark_done(group=other, step=w.steps[0], by=other.coordinator)
    closed_round(other, other.coordinator, {w.money: 2})
    birch = share(w, group=w.other_group, funder=w.funder_b)
    post_review(birch, "not_eligible")
    sharing.revoke_access(grant=birch, by=w.other_group.coordinator)

    incrementally = stored_summaries()
    assert any(values[0] for values in incrementally.values())  # the series really filled some levels
    ShareGrant.objects.update(**summaries.cleared())
    call_command("recount_portfolio_summaries", stdout=io.StringIO())
    assert stored_summaries() == incrementally

    other_grant.refresh_from_db()
    assert other_grant.summary_levels == {} and other_grant.summary_progress_at is not None


def test_the_portfolio_follows_the_summaries_a_round_closed_now_shows_at_once(as_role, world):
    share(world)
    closed_round(world.group, world.coordinator, {world.governance: 4, world.money: 4, world.safety: 2})
    response = as_role("funder_a").get(reverse("readiness:portfolio"), {"sort": "readiness"})
    (row,) = response.context["rows"]
    assert row.levels == {world.governance.pk: 4, world.money.pk: 4, world.safety.pk: 2}
    assert [level for level in row.domain_levels] == [4, 4, 2]


def test_sorting_by_readiness_puts_the_highest_average_first_and_unshared_levels_last(as_role, world):
    share(world)  # Oak Street: 3 and 1, average 2
    birch = world.other_group
    closed_round(birch, birch.coordinator, {world.governance: 4, world.money: 3})
    share(world, group=birch)  # average 3.5
    hidden = make_group(name="Aspen Way Allotments")
    closed_round(hidden, hidden.coordinator, {world.governance: 4, world.money: 4})
    share(world, group=hidden, share_self_assessment=False)  # its 4s are not shared, so it sorts last
    response = as_role("funder_a").get(reverse("readiness:portfolio"), {"sort": "readiness"})
    assert [row.group.name for row in response.context["rows"]] == [
        "Birch Lane Residents",
        "Oak Street Neighbours",
        "Aspen Way Allotments",
    ]
    governance = next(item for item in response.context["summary"] if item["domain"] == world.governance)
    assert governance["counts"] == [0, 0, 1, 1] and governance["none"] == 1


def test_the_export_streams_every_group_with_its_summary_and_logs_each_once(as_role, world, monkeypatch):
    from learning.readiness.views import funders

    monkeypatch.setattr(funders, "EXPORT_CHUNK", 2)  # several chunks from three groups
    share(world)
    share(world, group=world.other_group, share_self_assessment=False)
    share(world, group=make_group(name="Cedar Court Tenants"))
    response = as_role("funder_a").get(reverse("readiness:portfolio_export"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row[0] for row in rows[1:]] == ["Birch Lane Residents", "Cedar Court Tenants", "Oak Street Neighbours"]
    oak = rows[3]
    assert oak[2] == f"{world.pathway.title}: 33%"
    assert oak[5:8] == ["3", "1", ""]
    birch = rows[1]
    assert birch[3] == "not shared" and birch[5:8] == ["", "", ""]
    logged = AccessLog.objects.filter(kind=AccessKind.EXPORT, viewer=world.reviewer_a)
    assert sorted(logged.values_list("group__name", flat=True)) == [row[0] for row in rows[1:]]
    assert {entry.grant.funder_id for entry in logged} == {world.funder_a.pk}


def test_each_portfolio_row_shows_what_its_grant_shares_and_says_so_where_it_does_not(as_role, world):
    share(world)  # Oak Street, in Fife: everything
    share(world, group=world.other_group, share_self_assessment=False, share_progress=False)
    post_review(ShareGrant.objects.get(group=world.group), "conditions")
    html = as_role("funder_a").get(reverse("readiness:portfolio")).content.decode()
    table = BeautifulSoup(html, "html.parser").find("caption", id="portfolio-groups-caption").parent
    rows = {
        row.th.get_text(strip=True): [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in table.tbody.find_all("tr")
    }
    assessed = world.round.closed_at.astimezone(timezone.get_current_timezone())
    assert rows["Oak Street Neighbours"] == [
        "Fife",
        f"{world.pathway.title}: 33%",
        f"{assessed.day} {assessed:%b %Y}",
        "Ready with conditions",
        "3",
        "1",
        "-",
    ]
    assert rows["Birch Lane Residents"] == ["-", "Not shared", "Not shared", "Not reviewed"] + ["Not shared -"] * 3
    link = table.find("a", string="Oak Street Neighbours")["href"]
    assert link == reverse("readiness:funder_group", kwargs={"slug": world.group.slug})


@pytest.mark.parametrize("language", ["en-gb", "gd"])
def test_portfolio_cells_escape_what_people_typed_and_give_the_date_as_django_would(as_role, world, language):
    """The row cells are plain strings built in the view (funders._row_html): a pathway title with markup in it
    arrives as text, and the date reads as `date_format(..., "j M Y")` in the reader's language."""
    world.pathway.title = 'Money <script>alert("x")</script> & power'
    world.pathway.save()
    share(world)
    client = as_role("funder_a")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("readiness:portfolio")).content.decode()
    assert f'<html lang="{language}"' in html
    assert '<script>alert("x")</script>' not in html
    assert "Money &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; power: 33%" in html
    with translation.override(language):
        expected = date_format(timezone.localtime(world.round.closed_at), "j M Y")
    table = BeautifulSoup(html, "html.parser").find("caption", id="portfolio-groups-caption").parent
    cells = [cell.get_text(" ", strip=True) for cell in table.tbody.tr.find_all("td")]
    assert cells[2] == expected


def test_a_group_name_with_markup_reads_as_text_in_its_row_and_links_to_the_group(as_role, world):
    world.group.name = 'Oak <img src=x onerror="alert(1)"> & Ash'
    world.group.save()
    share(world)
    html = as_role("funder_a").get(reverse("readiness:portfolio")).content.decode()
    assert '<img src=x onerror="alert(1)">' not in html
    table = BeautifulSoup(html, "html.parser").find("caption", id="portfolio-groups-caption").parent
    link = table.tbody.tr.th.a
    assert link.get_text() == 'Oak <img src=x onerror="alert(1)"> & Ash'
    assert link["href"] == reverse("readiness:funder_group", kwargs={"slug": world.group.slug})


def test_the_portfolio_reads_the_areas_once_and_shows_an_editors_rename_at_once(as_role, world, settings):
    """The areas' names are kept under the content version (selectors.kept_domains), as on a live site."""
    settings.READINESS_FRAMEWORK_CACHE_SECONDS = 600
    share(world)
    client = as_role("funder_a")
    portfolio = reverse("readiness:portfolio")
    client.get(portfolio)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(portfolio).content.decode()
    assert world.money.name in html
    assert not [query for query in queries.captured_queries if '"readiness_readinessdomain"' in query["sql"]]

    # What the snippet's edit view does: save, then log the edit (which moves the content version on).
    ReadinessDomain.objects.filter(pk=world.money.pk).update(name="Money and fundraising")
    log(ReadinessDomain.objects.get(pk=world.money.pk), "wagtail.edit")
    html = client.get(portfolio).content.decode()
    assert "Money and fundraising" in html
