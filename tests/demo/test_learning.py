"""The learning demo: pathways with original content, three groups at different points, accounts."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from learning.models import (
    Certificate,
    CommunityGroup,
    PathwayIndexPage,
    PathwayPage,
    PathwayProgress,
    StagePage,
    StepPage,
)

pytestmark = pytest.mark.django_db


def test_demo_builds_pathways_groups_and_accounts(demo):
    index = PathwayIndexPage.objects.get(locale=Locale.get_default())
    assert index.show_in_menus and index.live
    ready = PathwayPage.objects.get(slug="ready-to-co-produce")
    stages = StagePage.objects.child_of(ready)
    assert 5 <= stages.count() <= 6
    for stage in stages:
        assert 3 <= StepPage.objects.child_of(stage).count() <= 5
    assert PathwayPage.objects.filter(locale=Locale.get_default()).count() == 2
    percents = {
        row.group.slug: row.percent for row in PathwayProgress.objects.filter(pathway=ready).select_related("group")
    }
    assert 0 < percents["hillview-food-sharing"] < 25
    assert 40 <= percents["riverside-tenants-together"] <= 60
    assert percents["northfield-parents-voice"] == 100
    assert Certificate.objects.filter(group__slug="northfield-parents-voice", pathway=ready).exists()
    # Funders can find Riverside by name to ask it to share; the other groups keep the default (not findable).
    findable = set(CommunityGroup.objects.filter(findable=True).values_list("slug", flat=True))
    assert findable == {"riverside-tenants-together"}
    assert CommunityGroup.objects.count() == 3


def test_demo_runs_twice_without_duplicates(demo, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert PathwayPage.objects.filter(locale=Locale.get_default()).count() == 2
    assert CommunityGroup.objects.count() == 3
    assert StepPage.objects.filter(pathway__slug="ready-to-co-produce").count() == 19
    text = out.getvalue()
    for email in ("coordinator@example.org", "member@example.org", "facilitator@example.org"):
        assert email in text


def test_demo_coordinator_sees_the_dashboard_and_the_home_page_lists_pathways(demo, client):
    from django.contrib.auth import get_user_model

    assert b"Ready to co-produce" in client.get("/").content
    client.force_login(get_user_model().objects.get(email="coordinator@example.org"))
    response = client.get("/groups/riverside-tenants-together/")
    assert response.status_code == 200 and b"<progress" in response.content
    assert b"Your groups" in client.get("/").content
