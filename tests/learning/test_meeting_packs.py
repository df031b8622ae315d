"""A stage's meeting pack (issue 15, item 3) as each person sees it, the short links it prints, and the
discussion questions and print buttons on the step, stage and guide pages."""

import html as html_lib
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from learning.models import CommunityGroup, StagePage, StepPage
from resources.models import GuidePage


@pytest.fixture
def demo(shared_demo):
    """The demo built once for this module; each test's changes roll back (tests/conftest.py)."""
    return shared_demo


@pytest.fixture
def stage(demo):
    return StagePage.objects.get(slug="1-coming-together")


def pack_url(stage, **query):
    url = reverse("learning:meeting_pack", args=[stage.pk])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def signed_in(client, email):
    client.force_login(get_user_model().objects.get(email=email))
    return client


def printed_group(html):
    """What the pack prints beside "Group": a name, or None for a line to write on."""
    found = re.search(r"<dt>Group</dt><dd>(.*?)</dd>", html, re.S)
    return None if 'class="write-in"' in found.group(1) else html_lib.unescape(found.group(1).strip())


def test_a_visitor_gets_every_step_with_blanks_to_write_in(client, stage):
    response = client.get(pack_url(stage))
    html = response.content.decode()
    assert response.status_code == 200
    steps = list(StepPage.objects.child_of(stage).live().order_by("path"))
    assert len(steps) == 3
    for number, step in enumerate(steps, start=1):
        assert f"Step {number} of 3" in html
        assert f">{step.title}</h2>" in html
        assert reverse("learning:step_link", args=[step.pk]) in html
    for item in ["Everyone has had a turn to speak", "Who can decide what", "How you record decisions"]:
        assert f"<li>{item}</li>" in html
    assert "What made you come along today?" in html
    assert printed_group(html) is None
    assert html.count('<span class="write-in"></span>') == 2  # group and date
    assert 'name="group"' not in html  # nobody to choose
    assert html.count("<tr><td>") == 15  # the attendance sheet's lines
    assert "record what you did online" in html


def test_a_coordinator_of_one_group_on_the_pathway_gets_its_name(client, stage):
    html = signed_in(client, "coordinator@example.org").get(pack_url(stage)).content.decode()
    assert printed_group(html) == "Riverside Tenants Together"


def test_someone_in_two_groups_chooses_one_or_writes_it_in(client, stage):
    signed_in(client, "member@example.org")
    html = client.get(pack_url(stage)).content.decode()
    assert printed_group(html) is None
    assert '<option value="hillview-food-sharing">Hillview Food Sharing</option>' in html
    assert '<option value="riverside-tenants-together">Riverside Tenants Together</option>' in html
    chosen = client.get(pack_url(stage, group="hillview-food-sharing")).content.decode()
    assert printed_group(chosen) == "Hillview Food Sharing"
    assert '<option value="hillview-food-sharing" selected>' in chosen


def test_a_facilitator_prints_for_a_group_they_support(client, stage):
    html = signed_in(client, "facilitator@example.org").get(pack_url(stage, group="northfield-parents-voice"))
    assert printed_group(html.content.decode()) == "Northfield Parents' Voice"


@pytest.mark.parametrize("email", [None, "coordinator@example.org", "funder@example.org", "editor@example.org"])
def test_nobody_prints_the_name_of_a_group_they_are_not_in(client, stage, email):
    if email:
        signed_in(client, email)
    html = client.get(pack_url(stage, group="northfield-parents-voice")).content.decode()
    assert printed_group(html) is None
    assert "Northfield" not in html


def test_a_closed_group_is_not_offered(client, stage):
    CommunityGroup.objects.filter(slug="riverside-tenants-together").update(closed_at="2026-11-01T10:00:00Z")
    html = signed_in(client, "coordinator@example.org").get(pack_url(stage)).content.decode()
    assert printed_group(html) is None
    assert "Riverside" not in html


def test_the_meeting_date_is_printed_and_a_wrong_one_left_blank(client, stage):
    assert "<dd>14 January 2027</dd>" in client.get(pack_url(stage, date="2027-01-14")).content.decode()
    html = client.get(pack_url(stage, date="next-tuesday")).content.decode()
    assert html.count('<span class="write-in"></span>') == 2


def test_a_pack_for_a_missing_or_unpublished_stage_is_404(client, stage):
    assert client.get(reverse("learning:meeting_pack", args=[999999])).status_code == 404
    stage.unpublish()
    assert client.get(pack_url(stage)).status_code == 404


def test_the_short_link_leads_to_the_step(client, stage):
    step = StepPage.objects.child_of(stage).live().order_by("path").first()
    response = client.get(reverse("learning:step_link", args=[step.pk]))
    assert response.status_code == 302
    assert response["Location"] == step.url
    step.unpublish()
    assert client.get(reverse("learning:step_link", args=[step.pk])).status_code == 404
    assert client.get(reverse("learning:step_link", args=[stage.pk])).status_code == 404  # a stage, not a step


def test_the_stage_offers_the_pack_and_the_step_shows_its_questions(client, stage):
    stage_html = client.get(stage.url).content.decode()
    assert f'href="{pack_url(stage)}">Print a meeting pack</a>' in stage_html
    step = StepPage.objects.get(slug="why-are-we-here")
    step_html = client.get(step.url).content.decode()
    assert "Questions to talk about" in step_html
    assert "<li>What do our answers have in common?</li>" in step_html


def test_a_guide_offers_printing_with_or_without_javascript(client, demo):
    html = client.get(GuidePage.objects.live().first().url).content.decode()
    assert '<p class="print-action" hidden><button type="button" class="button--secondary" data-print>' in html
    assert "Print this guide" in html
    assert "print this page with your browser's Print" in html


def test_the_questions_field_ignores_blank_lines():
    step = StepPage(discussion_questions="First?\n\n  Second?  \n")
    assert step.questions() == ["First?", "Second?"]
