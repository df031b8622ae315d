"""Self-assessment rounds: members rate, the coordinator sees the spread and agrees, closed rounds stay as they were."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learning.readiness.models import AgreedLevel, AssessmentRound, MemberRating
from learning.readiness.services import assessment

from .conftest import closed_round


def url(name, world, **kwargs):
    return reverse(f"readiness:{name}", kwargs={"slug": world.group.slug, **kwargs})


def open_new_round(client, world, kind="review"):
    response = client.post(url("open_round", world), {"kind": kind})
    assert response.status_code == 302
    return AssessmentRound.objects.open().get(group=world.group)


def rate(client, world, assessment_round, levels, comment=""):
    data = {}
    for domain in world.domains:
        data[f"level_{domain.pk}"] = levels.get(domain, "")
        data[f"comment_{domain.pk}"] = comment
    return client.post(url("rate", world, pk=assessment_round.pk), data)


def test_a_whole_round_from_opening_to_closing(as_role, world):
    coordinator = as_role("coordinator")
    assessment_round = open_new_round(coordinator, world)
    assert rate(coordinator, world, assessment_round, {world.governance: 2}).status_code == 302
    member = as_role("member")
    assert rate(member, world, assessment_round, {world.governance: 4}, comment="We are great").status_code == 302
    assert MemberRating.objects.filter(round=assessment_round).count() == 2

    # The member sees their own view but not the spread.
    page = member.get(url("agree", world, pk=assessment_round.pk, domain_slug=world.governance.slug))
    assert page.context["can_see_spread"] is False and page.context["ratings"] == []
    assert page.context["form"] is None

    coordinator = as_role("coordinator")
    overview = coordinator.get(url("round", world, pk=assessment_round.pk)).content.decode()
    assert "views differ, from 2 Building to 4 Sharing" in overview
    page = coordinator.get(url("agree", world, pk=assessment_round.pk, domain_slug=world.governance.slug))
    assert page.context["differ"] is True
    assert "We are great" in page.content.decode()
    response = coordinator.post(
        url("agree", world, pk=assessment_round.pk, domain_slug=world.governance.slug),
        {"level": 3, "strengths": "A strong committee", "next_steps": "Hold an AGM", "reasons": "We talked"},
    )
    assert response.status_code == 302
    confirmation = coordinator.get(url("close_round", world, pk=assessment_round.pk)).content.decode()
    assert "Close the round?" in confirmation
    response = coordinator.post(url("close_round", world, pk=assessment_round.pk), {"confirm": "yes"})
    assert response.status_code == 302
    assessment_round.refresh_from_db()
    assert not assessment_round.is_open
    profile = coordinator.get(url("profile", world)).content.decode()
    assert "A strong committee" in profile
    assert "Hold an AGM" in profile
    assert profile.index("A strong committee") < profile.index("Hold an AGM")  # strengths before next steps


def test_a_member_can_change_and_clear_their_own_view(as_role, world):
    assessment_round = open_new_round(as_role("coordinator"), world)
    member = as_role("member")
    rate(member, world, assessment_round, {world.money: 1})
    rate(member, world, assessment_round, {world.money: 2})
    assert MemberRating.objects.get(round=assessment_round, member=world.member).level == 2
    rate(member, world, assessment_round, {})
    assert not MemberRating.objects.filter(round=assessment_round).exists()


def test_bad_input_redisplays_the_rating_form_with_the_text_kept(as_role, world):
    assessment_round = open_new_round(as_role("coordinator"), world)
    member = as_role("member")
    response = rate(member, world, assessment_round, {world.money: 9}, comment="Keep this text")
    assert response.status_code == 200
    assert "Keep this text" in response.content.decode()
    assert response.context["form"].errors


def test_only_one_round_is_open_at_a_time(as_role, world):
    client = as_role("coordinator")
    open_new_round(client, world)
    response = client.post(url("open_round", world), {"kind": "review"}, follow=True)
    assert "already has a round open" in response.content.decode()
    assert AssessmentRound.objects.open().filter(group=world.group).count() == 1


def test_closing_needs_at_least_one_agreed_level(world):
    assessment_round = assessment.open_round(group=world.group, kind="review", by=world.coordinator)
    with pytest.raises(ValidationError):
        assessment.close_round(assessment_round=assessment_round, by=world.coordinator)


@pytest.mark.parametrize("role", ["coordinator", "member", "facilitator"])
def test_a_closed_round_cannot_be_changed_through_any_view(as_role, world, role):
    closed = world.round
    before_agreed = list(AgreedLevel.objects.filter(round=closed).values_list("domain_id", "level", "strengths"))
    before_ratings = MemberRating.objects.filter(round=closed).count()
    client = as_role(role)
    attempts = [
        (url("rate", world, pk=closed.pk), {f"level_{world.money.pk}": 4}),
        (url("agree", world, pk=closed.pk, domain_slug=world.governance.slug), {"level": 1, "strengths": "changed"}),
        (url("agree", world, pk=closed.pk, domain_slug=world.safety.slug), {"level": 4}),
    ]
    for address, data in attempts:
        assert client.post(address, data).status_code == 403, address
    # Closing it again: the coordinator is told it is already closed (a double tap is harmless), others are refused.
    response = client.post(url("close_round", world, pk=closed.pk), {"confirm": "yes"})
    assert response.status_code == (302 if role == "coordinator" else 403)
    assert client.get(url("rate", world, pk=closed.pk)).status_code == 403
    page = client.get(url("agree", world, pk=closed.pk, domain_slug=world.governance.slug))
    assert page.status_code == 200 and page.context["form"] is None
    closed.refresh_from_db()
    assert closed.closed_at is not None
    assert (
        list(AgreedLevel.objects.filter(round=closed).values_list("domain_id", "level", "strengths")) == before_agreed
    )
    assert MemberRating.objects.filter(round=closed).count() == before_ratings


def test_services_refuse_to_change_a_closed_round(world):
    with pytest.raises(ValidationError):
        assessment.record_agreed_level(assessment_round=world.round, domain=world.money, by=world.coordinator, level=4)
    with pytest.raises(ValidationError):
        assessment.record_member_ratings(
            assessment_round=world.round, member=world.member, ratings={world.money: (4, "")}
        )
    with pytest.raises(ValidationError):
        assessment.close_round(assessment_round=world.round, by=world.coordinator)


def test_a_round_closed_in_another_tab_refuses_a_late_agreement(as_role, world):
    assessment_round = assessment.open_round(group=world.group, kind="review", by=world.coordinator)
    assessment.record_agreed_level(assessment_round=assessment_round, domain=world.money, by=world.coordinator, level=2)
    stale = AssessmentRound.objects.get(pk=assessment_round.pk)
    assessment.close_round(assessment_round=assessment_round, by=world.coordinator)
    with pytest.raises(ValidationError):
        assessment.record_agreed_level(assessment_round=stale, domain=world.money, by=world.coordinator, level=4)


def test_compare_rounds_shows_the_change_per_domain(as_role, world):
    closed_round(world.group, world.coordinator, {world.governance: 4, world.money: 1}, kind="review")
    response = as_role("member").get(url("compare", world))
    rows = {row["domain"].name: row for row in response.context["rows"]}
    assert (rows["Governance"]["before"], rows["Governance"]["after"], rows["Governance"]["change"]) == (
        3,
        4,
        "Up 1 level",
    )
    assert rows["Money"]["change"] == "Same"
    assert rows["Keeping people safe"]["change"] == "Cannot compare"
    assert "<svg" in response.content.decode()


def test_compare_needs_two_closed_rounds(as_role, world):
    response = as_role("coordinator").get(url("compare", world))
    assert response.status_code == 200 and "first" not in response.context


def test_facilitators_see_the_spread_but_do_not_rate_or_agree(as_role, world):
    assessment_round = open_new_round(as_role("coordinator"), world)
    client = as_role("facilitator")
    assert client.get(url("round", world, pk=assessment_round.pk)).context["can_see_spread"] is True
    assert rate(client, world, assessment_round, {world.money: 2}).status_code == 403
    response = client.post(url("agree", world, pk=assessment_round.pk, domain_slug=world.money.slug), {"level": 2})
    assert response.status_code == 403
    assert client.post(url("open_round", world), {"kind": "review"}).status_code == 403
    assert client.post(url("close_round", world, pk=assessment_round.pk)).status_code == 403
