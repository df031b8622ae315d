"""Funder reviews: the suggested rating, overrides with reasons, the group's replies, and the emails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from learning.models import Evidence
from learning.readiness.models import DomainRating, ReadinessReview, ReviewReply
from learning.readiness.rating import Rag
from learning.readiness.signals import review_posted

from .conftest import share


def funder_url(world):
    return reverse("readiness:funder_group", kwargs={"slug": world.group.slug})


def review_data(world, form, **overrides):
    data = {"decision": "conditions", "feedback": "You have a strong committee. Next, insurance."}
    for domain, suggestion in form.suggestions.items():
        data[f"rating_{domain.pk}"] = suggestion.rating
        data[f"reason_{domain.pk}"] = ""
        data[f"comment_{domain.pk}"] = ""
    data.update(overrides)
    return data


def suggestions(client, world):
    form = client.get(funder_url(world)).context["form"]
    return form, {domain.slug: suggestion.rating for domain, suggestion in form.suggestions.items()}


def test_the_suggestions_follow_the_funders_thresholds_and_evidence(as_role, world):
    share(world)
    _form, suggested = suggestions(as_role("funder_a"), world)
    # Governance: constitution held, agreed 3 = threshold 3. Money: no requirement, agreed 1 < 2.
    # Safety: insurance required but missing.
    assert suggested == {"governance": Rag.GREEN, "money": Rag.AMBER, "keeping-people-safe": Rag.RED}


def test_expired_evidence_makes_the_suggestion_red(as_role, world):
    Evidence.objects.filter(pk=world.evidence.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
    share(world)
    assert suggestions(as_role("funder_a"), world)[1]["governance"] == Rag.RED


def test_unshared_evidence_counts_as_missing_and_unshared_levels_as_below(as_role, world):
    share(world, share_evidence=False, share_self_assessment=False)
    assert suggestions(as_role("funder_a"), world)[1] == {
        "governance": Rag.RED,
        "money": Rag.AMBER,
        "keeping-people-safe": Rag.RED,
    }


def test_posting_a_review_and_the_group_sees_it_and_replies(as_role, world, django_capture_on_commit_callbacks):
    share(world)
    client = as_role("funder_a")
    form, _suggested = suggestions(client, world)
    data = review_data(
        world,
        form,
        **{
            f"rating_{world.safety.pk}": Rag.AMBER,
            f"reason_{world.safety.pk}": "We saw the insurance renewal at our visit.",
            f"comment_{world.money.pk}": "Agree a budget.",
            "suggested_steps": [world.steps[2].pk],
        },
    )
    seen = []
    review_posted.connect(lambda sender, review, by, **kwargs: seen.append((review, by)), weak=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(funder_url(world), data)
    assert response.status_code == 302
    review = ReadinessReview.objects.get()
    assert (review.funder, review.reviewer, review.decision) == (world.funder_a, world.reviewer_a, "conditions")
    assert seen == [(review, world.reviewer_a)]
    safety = DomainRating.objects.get(review=review, domain=world.safety)
    assert (safety.suggested, safety.final, safety.override_reason) == (
        Rag.RED,
        Rag.AMBER,
        "We saw the insurance renewal at our visit.",
    )
    assert list(review.suggested_steps.all()) == [world.steps[2]]
    # The coordinator is emailed with names and a link, nothing more.
    assert [message.to for message in mail.outbox] == [[world.coordinator.email]]
    assert "strong committee" not in mail.outbox[0].body
    assert f"/groups/{world.group.slug}/reviews/{review.pk}/" in mail.outbox[0].body

    # Every member sees the review; the coordinator replies.
    review_url = reverse("readiness:group_review", kwargs={"slug": world.group.slug, "pk": review.pk})
    member_page = as_role("member").get(review_url)
    assert "You have a strong committee" in member_page.content.decode()
    assert member_page.context["form"] is None
    assert as_role("member").post(review_url, {"body": "Thanks"}).status_code == 403
    coordinator = as_role("coordinator")
    listing = coordinator.get(reverse("readiness:group_reviews", kwargs={"slug": world.group.slug}))
    assert list(listing.context["reviews"]) == [review]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert coordinator.post(review_url, {"body": "Insurance renewed last week."}).status_code == 302
    assert ReviewReply.objects.get().author == world.coordinator
    assert [message.to for message in mail.outbox] == [[world.reviewer_a.email]]
    assert "Insurance renewed" not in mail.outbox[0].body

    # The reviewer sees the reply on the group's page.
    assert "Insurance renewed last week." in as_role("funder_a").get(funder_url(world)).content.decode()


def test_an_override_without_a_reason_redisplays_the_form_with_the_text_kept(as_role, world):
    share(world)
    client = as_role("funder_a")
    form, _suggested = suggestions(client, world)
    data = review_data(world, form, **{f"rating_{world.money.pk}": Rag.GREEN, "feedback": "Keep this feedback"})
    response = client.post(funder_url(world), data)
    assert response.status_code == 200
    assert f"reason_{world.money.pk}" in response.context["form"].errors
    assert "Keep this feedback" in response.content.decode()
    assert not ReadinessReview.objects.exists()


def test_a_review_cannot_be_posted_after_the_grant_is_revoked(as_role, world):
    from learning.readiness.services import sharing

    grant = share(world)
    client = as_role("funder_a")
    form, _suggested = suggestions(client, world)
    sharing.revoke_access(grant=grant, by=world.coordinator)
    response = client.post(funder_url(world), review_data(world, form))
    assert response.status_code == 200
    assert "Your review was not posted" in response.content.decode()
    assert not ReadinessReview.objects.exists()


def test_funder_b_does_not_see_funder_a_reviews(as_role, world):
    share(world)
    share(world, funder=world.funder_b)
    client = as_role("funder_a")
    form, _suggested = suggestions(client, world)
    client.post(funder_url(world), review_data(world, form))
    assert ReadinessReview.objects.count() == 1
    response = as_role("funder_b").get(funder_url(world))
    assert list(response.context["reviews"]) == []


@pytest.mark.parametrize("role", ["visitor", "other", "staff", "funder_a"])
def test_reviews_of_a_group_are_private_to_it(as_role, world, role):
    share(world)
    client = as_role("funder_a")
    form, _suggested = suggestions(client, world)
    client.post(funder_url(world), review_data(world, form))
    review = ReadinessReview.objects.get()
    for address in (
        reverse("readiness:group_reviews", kwargs={"slug": world.group.slug}),
        reverse("readiness:group_review", kwargs={"slug": world.group.slug, "pk": review.pk}),
    ):
        response = as_role(role).get(address)
        assert response.status_code in (302, 404), address
        assert review.feedback.encode() not in response.content, address
