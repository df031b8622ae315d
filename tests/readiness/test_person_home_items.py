"""Readiness's items on each person's home and dashboard (issue 17, item 1): an open round to rate and to
close, reviews to read and answer, funders' requests to decide, and a funder reviewer's own work.

The world is built once for the module (rolled back at its end, each test in a savepoint); tests only read.
"""

import pytest
from django.db import transaction
from django.urls import reverse

from learning.models import CommunityGroup
from learning.readiness.models import Decision
from learning.readiness.services import assessment, reviews, sharing
from tests.learning.factories import make_group, make_person
from tests.learning.test_person_home import group_section, page_of, task_items

from .conftest import build_world, make_funder, post_review, share

pytestmark = pytest.mark.django_db


def build():
    w = build_world()
    # An open round: the member has rated one area of three, the coordinator all three and agreed one.
    w.open_round = assessment.open_round(group=w.group, kind="review", by=w.coordinator)
    assessment.record_member_ratings(assessment_round=w.open_round, member=w.member, ratings={w.governance: (2, "")})
    assessment.record_member_ratings(
        assessment_round=w.open_round, member=w.coordinator, ratings={domain: (3, "") for domain in w.domains}
    )
    assessment.record_agreed_level(assessment_round=w.open_round, domain=w.money, by=w.coordinator, level=2)
    # Fund A reviewed Oak Street (not answered yet); Fund B asks Oak Street to share.
    w.grant = share(w)
    w.review = post_review(w.grant, Decision.READY_WITH_CONDITIONS)
    CommunityGroup.objects.filter(pk=w.group.pk).update(findable=True)  # only a findable group can be asked
    w.share_request = sharing.request_access(funder=w.funder_b, group=w.group, by=w.reviewer_b)
    # Birch Lane shares with Fund A, which reviewed it; Birch Lane answered.
    w.birch_grant = share(w, group=w.other_group)
    w.birch_review = post_review(w.birch_grant, Decision.NOT_YET)
    reviews.reply_to_review(review=w.birch_review, by=w.other_group.coordinator, body="Thank you.")
    # Elm Row shares with Fund A, not reviewed yet.
    w.elm = make_group(name="Elm Row Allotments")
    share(w, group=w.elm)
    # Hazel Court shared with Fund A, was reviewed and answered, then stopped sharing: none of it shows.
    w.hazel = make_group(name="Hazel Court Residents")
    hazel_grant = share(w, group=w.hazel)
    hazel_review = post_review(hazel_grant, Decision.NOT_YET)
    reviews.reply_to_review(review=hazel_review, by=w.hazel.coordinator, body="We disagree.")
    sharing.revoke_access(grant=hazel_grant, by=w.hazel.coordinator)
    # Fund C shares a reviewer with nobody, and its reviewer has not confirmed their address.
    w.unconfirmed = make_person(email="unconfirmed.reviewer@example.org", email_confirmed_at=None)
    make_funder("Fund C", w.unconfirmed)
    share(w, funder=w.funder_b, group=w.elm)
    return w


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)


def own_items(soup):
    section = soup.find("h2", string="Your work as a funder reviewer")
    return task_items(section.find_parent("section")) if section else []


def test_a_member_rates_and_reads_but_never_decides(client, shared):
    w = shared
    items = task_items(group_section(page_of(client, w.member), w.group))
    rate = reverse("readiness:rate", kwargs={"slug": w.group.slug, "pk": w.open_round.pk})
    review = reverse("readiness:group_review", kwargs={"slug": w.group.slug, "pk": w.review.pk})
    assert ("Give your view in the self-assessment", rate, "In progress") in items
    assert ("Read the review from Fund A", review, "Waiting for the coordinator") in items
    names = " ".join(name for name, _link, _status in items)
    assert "Decide whether to share" not in names and "Agree the group's levels" not in names
    assert "answer the review" not in names
    soup = page_of(client, w.member)
    assert "You have rated 1 of 3 areas." in soup.get_text()
    assert not own_items(soup)


def test_a_coordinator_answers_decides_and_closes(client, shared):
    w = shared
    items = task_items(group_section(page_of(client, w.coordinator), w.group))
    review = reverse("readiness:group_review", kwargs={"slug": w.group.slug, "pk": w.review.pk})
    sharing_url = reverse("readiness:sharing", kwargs={"slug": w.group.slug})
    round_url = reverse("readiness:round", kwargs={"slug": w.group.slug, "pk": w.open_round.pk})
    rate = reverse("readiness:rate", kwargs={"slug": w.group.slug, "pk": w.open_round.pk})
    assert items[:2] == [
        ("Decide whether to share with Fund B", f"{sharing_url}?funder={w.funder_b.pk}#share", "Not started"),
        ("Read and answer the review from Fund A", review, "Not started"),
    ]
    assert ("Agree the group's levels and close the round", round_url, "In progress") in items
    # Done items come last.
    assert items[-1] == ("Give your view in the self-assessment", rate, "Done")


def test_a_facilitator_gets_no_rating_review_or_sharing_items(client, shared):
    w = shared
    text = group_section(page_of(client, w.facilitator), w.group).get_text(" ", strip=True)
    for words in ("self-assessment", "review from", "Decide whether", "Agree the group's levels"):
        assert words not in text


def test_another_groups_people_see_none_of_it(client, shared):
    w = shared
    text = page_of(client, w.other).get_text(" ", strip=True)
    assert "Fund B" not in text and "Oak Street Neighbours" not in text and "self-assessment" not in text


def test_a_funder_reviewer_sees_their_own_work_for_groups_sharing_now(client, shared):
    w = shared
    items = own_items(page_of(client, w.reviewer_a))
    birch = reverse("readiness:funder_group", kwargs={"slug": w.other_group.slug})
    elm = reverse("readiness:funder_group", kwargs={"slug": w.elm.slug})
    assert items == [
        ("Write a review of Elm Row Allotments", f"{elm}?funder=fund-a#review", "Not started"),
        ("Read the reply from Birch Lane Residents", f"{birch}?funder=fund-a#review-{w.birch_review.pk}", "New reply"),
    ]


def test_a_funder_reviewer_sees_only_their_own_requests(client, shared):
    w = shared
    items = own_items(page_of(client, w.reviewer_b))
    requests = reverse("readiness:share_requests")
    elm = reverse("readiness:funder_group", kwargs={"slug": w.elm.slug})
    assert items == [
        ("Write a review of Elm Row Allotments", f"{elm}?funder=fund-b#review", "Not started"),
        ("Your request to Oak Street Neighbours", f"{requests}?funder=fund-b", "Waiting for the group"),
    ]


def test_a_reviewer_with_nothing_shared_or_asked_is_shown_how_to_start(client, shared):
    newcomer = make_person(email="new.reviewer@example.org")
    make_funder("Fund D", newcomer)
    soup = page_of(client, newcomer)
    assert own_items(soup) == [("Ask a group to share with you", reverse("readiness:ask_to_share"), "Not started")]
    assert "Two ways into a group" not in soup.get_text()


def test_a_reviewer_who_has_not_confirmed_their_address_sees_nothing(client, shared):
    soup = page_of(client, shared.unconfirmed)
    assert not own_items(soup) and not soup.select("li.task-list__item")


def test_the_dashboard_leads_with_the_same_readiness_items(client, shared):
    w = shared
    on_home = task_items(group_section(page_of(client, w.coordinator), w.group))
    dashboard = page_of(client, w.coordinator, w.group.get_absolute_url())
    assert task_items(dashboard.find(id="tasks")) == on_home


def test_items_are_few_on_a_funders_home_when_many_groups_wait(client, shared):
    w = shared
    for n in range(10):
        share(w, group=make_group(name=f"Waiting group {n:02d}"))
    items = own_items(page_of(client, w.reviewer_a))
    writes = [name for name, _link, _status in items if name.startswith("Write a review")]
    assert len(writes) == 10
    assert (
        "See every group you have not reviewed yet",
        reverse("readiness:portfolio") + "?decision=none",
        "Not started",
    ) in items
