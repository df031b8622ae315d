"""The funder portfolio, its CSV export and the review page ask the database the same number of times
whether 10 or 200 groups share with the funder."""

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning.models import CommunityGroup, Enrolment, PathwayProgress
from learning.readiness.models import AgreedLevel, AssessmentRound, ReadinessReview, ShareGrant
from learning.readiness.services import summaries

pytestmark = pytest.mark.django_db

PLACES = ["fife", "moray", "angus", "highland"]
DECISIONS = ["ready", "conditions", "not_yet", "not_eligible"]


def share_many(world, count):
    """`count` more groups sharing everything with funder A, each with progress, a closed round and a review."""
    now = timezone.now()
    groups = CommunityGroup.objects.bulk_create(
        CommunityGroup(name=f"Bulk group {n:03}", slug=f"bulk-group-{n:03}", place=PLACES[n % 4]) for n in range(count)
    )
    Enrolment.objects.bulk_create(Enrolment(group=group, pathway=world.pathway) for group in groups)
    PathwayProgress.objects.bulk_create(
        PathwayProgress(
            group=group,
            pathway=world.pathway,
            done=n % 4,
            total=3,
            percent=min(100, 34 * (n % 4)),
            last_activity_at=now,
        )
        for n, group in enumerate(groups)
    )
    rounds = AssessmentRound.objects.bulk_create(
        AssessmentRound(group=group, kind="baseline", opened_at=now, closed_at=now) for group in groups
    )
    AgreedLevel.objects.bulk_create(
        AgreedLevel(round=assessment_round, domain=domain, level=1 + (n + index) % 4)
        for n, assessment_round in enumerate(rounds)
        for index, domain in enumerate(world.domains)
    )
    grants = ShareGrant.objects.bulk_create(
        ShareGrant(group=group, funder=world.funder_a, granted_by=world.coordinator, share_evidence=n % 2 == 0)
        for n, group in enumerate(groups)
    )
    ReadinessReview.objects.bulk_create(
        ReadinessReview(
            group=grant.group,
            funder=world.funder_a,
            grant=grant,
            reviewer=world.reviewer_a,
            decision=DECISIONS[n % 4],
            feedback="Well run.",
        )
        for n, grant in enumerate(grants)
    )
    summaries.recount(ShareGrant.objects.filter(pk__in=[grant.pk for grant in grants]))


def replace_bulk_groups(world, count):
    CommunityGroup.objects.filter(slug__startswith="bulk-group-").delete()
    share_many(world, count)


def queries_for(client, url, params=None):
    """Queries for the second of two identical requests (the first fills the per-process caches)."""
    warm_up = client.get(url, params or {})
    if warm_up.streaming:
        b"".join(warm_up.streaming_content)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    return round_trips(context.captured_queries), response, body


def round_trips(queries):
    """The number of queries, counting once a bulk insert that SQLite had to split into full batches.

    Only a multi-row insert followed by the same insert is merged, so inserting row by row still counts.
    """
    count, previous_batch = 0, None
    for query in queries:
        sql = query["sql"]
        head, _values, rows = sql.partition(" VALUES ")
        if not (sql.startswith("INSERT") and head == previous_batch):
            count += 1
        previous_batch = head if sql.startswith("INSERT") and "), (" in rows else None
    return count


@pytest.mark.parametrize(
    "params",
    [{}, {"sort": "readiness"}, {"sort": "activity", "place": "fife"}, {"decision": "conditions"}],
    ids=["by-name", "by-readiness", "by-activity-in-fife", "with-conditions"],
)
def test_the_portfolio_asks_the_same_number_of_queries_for_10_and_200_groups(as_role, world, settings, params):
    settings.READINESS_PORTFOLIO_PAGE_SIZE = 500  # every row on one page, so more rows really are drawn
    client = as_role("funder_a")
    share_many(world, 10)
    small, response, _body = queries_for(client, reverse("readiness:portfolio"), params)
    shown_small = len(response.context["rows"])
    replace_bulk_groups(world, 200)
    large, response, _body = queries_for(client, reverse("readiness:portfolio"), params)
    assert len(response.context["rows"]) > shown_small
    assert large == small, f"{small} queries for 10 groups, {large} for 200"


@pytest.mark.parametrize("export", ["readiness:portfolio_export", "readiness:portfolio_360giving"])
def test_the_export_streams_and_its_queries_do_not_grow_with_the_groups(as_role, world, monkeypatch, export):
    from learning.readiness.views import funders

    monkeypatch.setattr(funders, "EXPORT_CHUNK", 7)  # many chunks, so a query per chunk would show
    client = as_role("funder_a")
    share_many(world, 10)
    small, response, body = queries_for(client, reverse(export))
    assert isinstance(response, StreamingHttpResponse)
    assert body.decode().count("\n") == 11  # a header and ten groups
    replace_bulk_groups(world, 200)
    large, response, body = queries_for(client, reverse(export))
    assert isinstance(response, StreamingHttpResponse)
    assert body.decode().count("\n") == 201
    assert large == small, f"{small} queries for 10 groups, {large} for 200"


@pytest.mark.parametrize("export", ["readiness:portfolio_export", "readiness:portfolio_360giving"])
def test_the_export_is_sent_in_blocks_of_lines_not_a_piece_a_line(as_role, world, monkeypatch, export):
    """The server sends each piece a streamed response yields on its own: 2,000 rows were 2,000 sends."""
    from learning.readiness.views import funders

    monkeypatch.setattr(funders, "EXPORT_CHUNK", 4)
    share_many(world, 10)
    response = as_role("funder_a").get(reverse(export))
    pieces = [piece.decode() for piece in response.streaming_content]
    assert [piece.count("\n") for piece in pieces] == [4, 4, 3]  # a header and ten groups
    assert all(piece.endswith("\n") for piece in pieces)


def test_the_review_page_does_not_grow_with_the_portfolio(as_role, world):
    from .conftest import share

    share(world)
    client = as_role("funder_a")
    url = reverse("readiness:funder_group", kwargs={"slug": world.group.slug})
    share_many(world, 10)
    small, _response, _body = queries_for(client, url)
    replace_bulk_groups(world, 200)
    large, _response, _body = queries_for(client, url)
    assert large == small
