"""The confirmation pages and the funder's finding pages (issue 17) at 320px, with zero axe violations and
nothing wider than the screen, as the people who reach them: the coordinator closing a round and stopping
sharing, the facilitator warned before verifying without the evidence, the funder finding a group by name,
their requests, and a group that no longer shares with them."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from learning.models import CommunityGroup, Evidence, StepPage, StepProgress
from learning.readiness.models import RoundKind, ShareGrant
from learning.readiness.services.assessment import open_round

from .conftest import sign_in
from .test_narrow_screens import GROUP, check_all

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def coordinator():
    return get_user_model().objects.get(email="coordinator@example.org")


def test_the_coordinators_confirmation_pages_fit_a_small_phone(narrow, live_server, demo_accounts, settings):
    group = CommunityGroup.objects.get(name=GROUP)
    the_round = open_round(group=group, kind=RoundKind.REVIEW, by=coordinator())
    grant = ShareGrant.objects.live().filter(group=group).first()
    assert grant is not None, "the demo shares Riverside with a funder"
    paths = [
        reverse("readiness:close_round", kwargs={"slug": group.slug, "pk": the_round.pk}),
        reverse("readiness:revoke", kwargs={"slug": group.slug, "pk": grant.pk}),
    ]
    sign_in(narrow, live_server.url, "coordinator@example.org", settings.DEMO_PASSWORD)
    assert check_all(narrow, live_server.url, paths) == {}
    narrow.goto(live_server.url + paths[0])
    assert "Close the round" in narrow.locator("main").inner_text()


def test_the_facilitators_warning_before_verifying_without_evidence_fits(narrow, live_server, demo_accounts, settings):
    group = CommunityGroup.objects.get(name=GROUP)
    held = set(Evidence.objects.filter(group=group).values_list("evidence_type", flat=True))
    finished = set(
        StepProgress.objects.filter(group=group).exclude(status="not_started").values_list("step_id", flat=True)
    )
    step = next(
        step
        for step in StepPage.objects.live()
        .filter(completion_rule="facilitator")
        .exclude(evidence_type="")
        .order_by("path")
        if step.evidence_type not in held and step.pk not in finished
    )
    path = reverse("learning:step_status", kwargs={"slug": group.slug, "step_id": step.pk}) + "?action=verify"
    sign_in(narrow, live_server.url, "facilitator@example.org", settings.DEMO_PASSWORD)
    assert check_all(narrow, live_server.url, [path]) == {}
    assert "missing" in narrow.locator("main").inner_text().lower()


def test_the_funders_finding_pages_fit_a_small_phone(narrow, live_server, demo_accounts, settings):
    group = CommunityGroup.objects.get(name=GROUP)
    paths = [reverse("readiness:ask_to_share") + "?q=Riverside", reverse("readiness:share_requests")]
    sign_in(narrow, live_server.url, "funder@example.org", settings.DEMO_PASSWORD)
    assert check_all(narrow, live_server.url, paths) == {}
    narrow.goto(live_server.url + paths[0])
    assert GROUP in narrow.locator("main").inner_text()

    # The group stops sharing: the funder's reviewer reads that it no longer shares, on a page that fits.
    ShareGrant.objects.live().filter(group=group).update(revoked_at=timezone.now())
    assert check_all(narrow, live_server.url, [reverse("readiness:funder_group", kwargs={"slug": group.slug})]) == {}
    assert "no longer shares" in narrow.locator("main").inner_text()
