"""Migration 0012 gives every grant that existed before it its group's name, so no portfolio loses its order."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from learning.readiness.models import ShareGrant
from tests.learning.factories import make_group

from .conftest import share

BEFORE = [("readiness", "0011_access_log_group_index_in_the_newest_first_one")]
AFTER = [("readiness", "0012_portfolio_name_order")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_grants_made_before_the_migration_carry_their_groups_names_after_it(world):
    kept = share(world)
    willow = make_group(name="Willow Lane Residents")
    revoked = share(world, group=willow, funder=world.funder_b)
    ShareGrant.objects.filter(pk=revoked.pk).update(revoked_at=revoked.granted_at)
    try:
        migrate(BEFORE)  # the copy is dropped with its column
        migrate(AFTER)
    finally:
        migrate(AFTER)
    names = dict(ShareGrant.objects.values_list("pk", "group_name"))
    assert names == {kept.pk: "Oak Street Neighbours", revoked.pk: "Willow Lane Residents"}
