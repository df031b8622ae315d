"""The group's milestones: stages completed, certificates, rounds closed and reviews received, newest first,
the latest few on the dashboard and all of them on their own page."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import Certificate, StepProgress, StepStatus
from learning.readiness.models import AssessmentRound, ReadinessReview
from learning.services import progress
from tests.learning.factories import assign_facilitator

from .conftest import closed_round, post_review, share

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def history(world):
    """Oak Street: round closed 40 days ago, its one stage (and pathway) done 20 days ago, a review 10 days ago."""
    w = world
    AssessmentRound.objects.filter(pk=w.round.pk).update(closed_at=days_ago(40))
    progress.mark_done(group=w.group, step=w.steps[1], by=w.member)
    progress.record_step_status(group=w.group, step=w.steps[2], status=StepStatus.NOT_APPLICABLE, by=w.coordinator)
    StepProgress.objects.filter(group=w.group).update(changed_at=days_ago(25))
    StepProgress.objects.filter(group=w.group, step=w.steps[1]).update(changed_at=days_ago(20))
    Certificate.objects.filter(group=w.group).update(completed_at=days_ago(19))
    review = post_review(share(w), "conditions")
    ReadinessReview.objects.filter(pk=review.pk).update(created_at=days_ago(10))
    return w


def milestone_texts(html):
    found = re.search(r'<ol class="milestones">(.*?)</ol>', html, re.S)
    items = re.findall(r"<li>(.*?)</li>", found.group(1), re.S) if found else []
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def date_of(days):
    return f"{timezone.localtime(days_ago(days)):%-d %B %Y}"


def test_the_dashboard_lists_the_groups_milestones_newest_first(as_role, history):
    w = history
    html = as_role("member").get(reverse("learning:group_dashboard", args=[w.group.slug])).content.decode()
    assert milestone_texts(html) == [
        f"{date_of(10)} Review received : From Fund A (Ready with conditions)",
        f"{date_of(19)} Certificate : {w.pathway.title}",
        f"{date_of(20)} Stage completed : Stage 1 ({w.pathway.title})",
        f"{date_of(40)} Self-assessment round closed : Baseline (where we start)",
    ]
    certificate = Certificate.objects.get(group=w.group)
    assert f'<a href="{certificate.get_absolute_url()}">' in html
    # Dates a machine can read, to the second at most (never a long fraction of a second).
    stamps = re.findall(r'<time datetime="([^"]+)"', html[html.index('class="milestones"') :])[:4]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", stamp) for stamp in stamps), stamps
    assert "Show all" not in html


def test_a_stage_with_a_step_still_to_do_is_not_a_milestone(as_role, world):
    progress.mark_done(group=world.group, step=world.steps[1], by=world.member)
    html = as_role("coordinator").get(reverse("learning:group_dashboard", args=[world.group.slug])).content.decode()
    texts = milestone_texts(html)
    assert not any("Stage completed" in text or "Certificate" in text for text in texts)
    assert any("Self-assessment round closed" in text for text in texts)


def test_the_dashboard_shows_the_newest_five_and_links_to_them_all(as_role, history):
    w = history
    for days in (5, 4, 3):
        assessment_round = closed_round(w.group, w.coordinator, {w.money: 2}, kind="review")
        AssessmentRound.objects.filter(pk=assessment_round.pk).update(closed_at=days_ago(days))
    client = as_role("facilitator")
    html = client.get(reverse("learning:group_dashboard", args=[w.group.slug])).content.decode()
    shown = milestone_texts(html)
    assert len(shown) == 5
    assert shown[0].startswith(date_of(3)) and shown[-1].startswith(date_of(19))
    all_url = reverse("learning:group_milestones", args=[w.group.slug])
    assert f'<a href="{all_url}">Show all 7 milestones</a>' in html
    every = milestone_texts(client.get(all_url).content.decode())
    assert len(every) == 7
    assert every[:5] == shown
    assert every[-1] == f"{date_of(40)} Self-assessment round closed : Baseline (where we start)"


def test_a_new_group_is_told_what_will_appear(as_role, world):
    AssessmentRound.objects.filter(group=world.group).delete()
    html = as_role("member").get(reverse("learning:group_milestones", args=[world.group.slug])).content.decode()
    assert "None yet. Each stage your group completes" in html


@pytest.mark.parametrize("role", ["other", "funder_a", "other_facilitator"])
def test_people_outside_the_group_cannot_see_its_milestones(as_role, history, role):
    history.people["other_facilitator"] = assign_facilitator(history.other_group)
    response = as_role(role).get(reverse("learning:group_milestones", args=[history.group.slug]))
    assert response.status_code == 404
    assert history.group.name not in response.content.decode()
