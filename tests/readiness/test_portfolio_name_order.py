"""The portfolio's name order reads each grant's own copy of its group's name: the copy is never stale.

A group renamed by its coordinator, or saved whole from the admin, re-sorts every funder's portfolio and
export at once; a recount restores a copy however it was lost; and the first page of a large portfolio is
read from the name index rather than by sorting every live grant.
"""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.urls import reverse

from learning.models import CommunityGroup
from learning.readiness import selectors
from learning.readiness.models import ShareGrant
from learning.readiness.services import sharing, summaries
from learning.services import groups
from tests.learning.factories import make_group

from .conftest import share

pytestmark = pytest.mark.django_db


def portfolio_names(client, **params):
    """The group names a funder reads down the portfolio's table, in order."""
    response = client.get(reverse("readiness:portfolio"), params)
    assert response.status_code == 200
    shown = [
        cell.get_text(strip=True) for cell in BeautifulSoup(response.content, "html.parser").select("th[scope=row] > a")
    ]
    assert shown == [row.group.name for row in response.context["rows"]]
    return shown


def export_names(client):
    response = client.get(reverse("readiness:portfolio_export"))
    return [row[0] for row in list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))[1:]]


def test_a_new_grant_carries_its_groups_name(world):
    grant = share(world)
    grant.refresh_from_db()
    assert grant.group_name == "Oak Street Neighbours"


def test_a_group_renamed_by_its_coordinator_re_sorts_every_funders_portfolio_and_export_at_once(as_role, world):
    share(world)  # Oak Street Neighbours
    share(world, group=world.other_group)  # Birch Lane Residents
    share(world, group=world.group, funder=world.funder_b)
    client = as_role("funder_a")
    assert portfolio_names(client) == ["Birch Lane Residents", "Oak Street Neighbours"]

    groups.update_group_details(group=world.group, by=world.coordinator, name="Abbey Road Neighbours")

    assert portfolio_names(client) == ["Abbey Road Neighbours", "Birch Lane Residents"]
    assert export_names(client) == ["Abbey Road Neighbours", "Birch Lane Residents"]
    assert set(ShareGrant.objects.filter(group=world.group).values_list("group_name", flat=True)) == {
        "Abbey Road Neighbours"
    }
    # Another group's grants keep their own name.
    assert ShareGrant.objects.get(group=world.other_group).group_name == "Birch Lane Residents"


def test_a_share_pressed_on_a_page_loaded_before_a_rename_copies_the_name_as_it_stands_now(world):
    loaded_before = CommunityGroup.objects.get(pk=world.group.pk)
    loaded_before.coordinator = world.coordinator
    groups.update_group_details(group=world.group, by=world.coordinator, name="Abbey Road Neighbours")
    grant = share(world, group=loaded_before)
    grant.refresh_from_db()
    assert grant.group_name == "Abbey Road Neighbours"


def test_a_group_saved_whole_from_the_admin_with_a_new_name_re_sorts_at_once(as_role, world):
    share(world)
    share(world, group=world.other_group)
    world.other_group.name = "Willow Lane Residents"
    world.other_group.save()
    assert portfolio_names(as_role("funder_a")) == ["Oak Street Neighbours", "Willow Lane Residents"]


def test_a_save_of_other_fields_leaves_the_grants_alone(world, django_assert_num_queries):
    share(world)
    world.group.description = "We meet on Tuesdays."
    with django_assert_num_queries(1):  # the group's UPDATE, and no query on its grants
        world.group.save(update_fields=["description"])


def test_a_revoked_grant_keeps_the_name_it_was_given_under_and_a_renamed_group_still_leaves_at_once(as_role, world):
    grant = share(world)
    share(world, group=world.other_group)
    sharing.revoke_access(grant=grant, by=world.coordinator)
    groups.update_group_details(group=world.group, by=world.coordinator, name="Abbey Road Neighbours")
    assert portfolio_names(as_role("funder_a")) == ["Birch Lane Residents"]
    assert portfolio_names(as_role("funder_a"), sort="readiness") == ["Birch Lane Residents"]


def test_equal_readiness_falls_back_to_the_renamed_order(as_role, world):
    share(world, share_self_assessment=False)
    share(world, group=world.other_group, share_self_assessment=False)
    client = as_role("funder_a")
    assert portfolio_names(client, sort="readiness") == ["Birch Lane Residents", "Oak Street Neighbours"]
    groups.update_group_details(group=world.other_group, by=world.other_group.coordinator, name="Zinnia Residents")
    assert portfolio_names(client, sort="readiness") == ["Oak Street Neighbours", "Zinnia Residents"]


def test_a_recount_restores_a_lost_copy_of_the_name(world):
    grant = share(world)
    ShareGrant.objects.filter(pk=grant.pk).update(group_name="")
    summaries.recount()
    grant.refresh_from_db()
    assert grant.group_name == "Oak Street Neighbours"


def test_grants_made_in_bulk_get_their_names_from_the_recount(world):
    fresh = [make_group(name=f"Bulk {letter}") for letter in "CAB"]
    made = ShareGrant.objects.bulk_create(ShareGrant(group=group, funder=world.funder_a) for group in fresh)
    summaries.recount(ShareGrant.objects.filter(pk__in=[grant.pk for grant in made]))
    names = selectors.portfolio_grants(world.funder_a).values_list("group_name", "group__name")
    assert list(names) == [("Bulk A", "Bulk A"), ("Bulk B", "Bulk B"), ("Bulk C", "Bulk C")]


def test_the_first_page_in_name_order_is_read_from_the_name_index_not_sorted(world):
    share(world)
    page = selectors.portfolio_grants(world.funder_a)[:25]
    if connection.vendor == "postgresql":
        # A table of a few rows is cheaper to read whole; ask for the plan PostgreSQL takes on a large one.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
    plan = page.explain()
    assert "readiness_portfolio_by_name" in plan
    if connection.vendor == "sqlite":
        assert "TEMP B-TREE" not in plan
