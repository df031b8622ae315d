"""`sharing.log_access` writes one entry per grant in one INSERT, with every column as `bulk_create` wrote it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning.readiness.models import AccessKind, AccessLog
from learning.readiness.services import sharing

from .conftest import share

pytestmark = pytest.mark.django_db


def test_each_grant_gets_one_entry_with_the_viewer_kind_detail_and_time(world):
    grant = share(world)
    other = share(world, funder=world.funder_b)
    before = timezone.now()
    with CaptureQueriesContext(connection) as queries:
        sharing.log_access(grants=[grant, other], viewer=world.reviewer_a, kind=AccessKind.PORTFOLIO, detail="x" * 300)
    assert len(queries) == 1
    entries = list(AccessLog.objects.order_by("pk"))
    assert [(e.group_id, e.funder_id, e.grant_id, e.viewer_id, e.kind) for e in entries] == [
        (world.group.pk, world.funder_a.pk, grant.pk, world.reviewer_a.pk, AccessKind.PORTFOLIO),
        (world.group.pk, world.funder_b.pk, other.pk, world.reviewer_a.pk, AccessKind.PORTFOLIO),
    ]
    assert {e.detail for e in entries} == {"x" * 200}
    assert all(before <= e.viewed_at <= timezone.now() for e in entries)
    assert entries[0].viewed_at == entries[1].viewed_at


def test_many_grants_are_written_and_none_is_lost(world):
    """In one statement on PostgreSQL (the ids as arrays), in INSERTs of a hundred rows on SQLite."""
    grant = share(world)
    with CaptureQueriesContext(connection) as queries:
        sharing.log_access(grants=[grant] * 250, viewer=world.reviewer_a, kind=AccessKind.EXPORT)
    assert len(queries) == (1 if connection.vendor == "postgresql" else 3)
    assert AccessLog.objects.filter(grant=grant, kind=AccessKind.EXPORT).count() == 250


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the statement with arrays is PostgreSQL's")
def test_on_postgresql_the_statement_is_the_same_however_many_rows(world):
    """So the driver and the server parse it once: only the arrays' contents change."""
    grants = [share(world), share(world, funder=world.funder_b)]
    statements = []

    def kept(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(kept):
        for count in (1, 2):
            sharing.log_access(grants=grants[:count], viewer=world.reviewer_a, kind=AccessKind.PORTFOLIO)
    assert len(statements) == 2
    assert statements[0] == statements[1]
    assert "VALUES" not in statements[0]
    assert AccessLog.objects.count() == 3


def test_nothing_to_log_asks_nothing(world, django_assert_num_queries):
    with django_assert_num_queries(0):
        sharing.log_access(grants=[], viewer=world.reviewer_a, kind=AccessKind.PORTFOLIO)


def test_a_viewer_since_erased_is_logged_without_a_name(world):
    grant = share(world)
    sharing.log_access(grants=[grant], viewer=None, kind=AccessKind.PROFILE)
    assert AccessLog.objects.get().viewer_id is None


@pytest.mark.parametrize("table", ["readiness_accesslog", "partners_partneraccesslog"])
def test_an_access_log_has_one_index_by_group_the_newest_first_one(table):
    """Every index is written on every view logged, so the group has only the index its lookups read."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    by_group = [
        item["columns"] for item in constraints.values() if item["index"] and item["columns"][:1] == ["group_id"]
    ]
    assert by_group == [["group_id", "viewed_at"]]
