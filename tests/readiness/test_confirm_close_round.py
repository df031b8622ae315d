"""Closing a self-assessment round asks first (issue 17, item 5): the confirmation page names each member who has
not rated yet, or says everyone has; nothing closes without the confirmation; a second press changes nothing;
only the group's coordinator reaches it, as before."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from learning.models import Membership, Role
from learning.readiness.models import AssessmentRound
from learning.readiness.services import assessment
from tests.learning.factories import make_person
from tests.once import built_once, fresh_copy
from tests.security.conftest import ROLES, secure

from .conftest import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    """Group A with an open round, built once for the module (rolled back at its end; each test in a savepoint).

    In the round: the coordinator has rated every area, Robin has rated one of the three, the member none.
    """
    with built_once(django_db_blocker, tmp_path_factory):
        w = secure(build_world())
        w.member.display_name = "Morgan Member"
        w.member.save()
        w.coordinator.display_name = "Chris Coordinator"
        w.coordinator.save()
        w.robin = make_person()
        w.robin.display_name = "Robin Partly"
        w.robin.save()
        Membership.objects.create(user=w.robin, group=w.group, role=Role.MEMBER)
        assessment.record_member_ratings(
            assessment_round=w.open_round,
            member=w.coordinator,
            ratings={domain: (2, "") for domain in w.domains},
        )
        assessment.record_member_ratings(
            assessment_round=w.open_round, member=w.robin, ratings={w.governance: (3, "We meet monthly.")}
        )
        yield w


@pytest.fixture
def world(db, _built):
    return fresh_copy(_built)


def close_url(w):
    return reverse("readiness:close_round", kwargs={"slug": w.group.slug, "pk": w.open_round.pk})


def round_state(w):
    found = AssessmentRound.objects.get(pk=w.open_round.pk)
    return found.closed_at, found.closed_by_id


def text(response):
    return response.content.decode()


def test_the_round_page_links_to_the_confirmation_instead_of_closing_in_one_tap(as_role, world):
    page = text(as_role("coordinator").get(reverse("readiness:round", args=[world.group.slug, world.open_round.pk])))
    assert f'href="{close_url(world)}"' in page
    assert f'action="{close_url(world)}"' not in page


def test_the_confirmation_names_who_has_not_rated_and_who_rated_only_some_areas(as_role, world):
    response = as_role("coordinator").get(close_url(world))
    assert response.status_code == 200
    page = text(response)
    assert "Close the round?" in page
    not_rated = page[page.index('id="not-rated"') : page.index("</ul>", page.index('id="not-rated"'))]
    assert "Morgan Member" in not_rated
    assert "Chris Coordinator" not in not_rated and "Robin Partly" not in not_rated
    assert "Robin Partly: 1 area of 3" in page
    assert "Everyone in the group has given their view" not in page
    # The areas with no agreed level yet are named too; Money is agreed.
    assert "Governance" in page and "Keeping people safe" in page
    assert 'name="confirm" value="yes"' in page
    assert round_state(world) == (None, None)


def test_the_confirmation_says_when_everyone_has_rated(as_role, world):
    for person in (world.member, world.robin):
        assessment.record_member_ratings(
            assessment_round=world.open_round, member=person, ratings={domain: (3, "") for domain in world.domains}
        )
    page = text(as_role("coordinator").get(close_url(world)))
    assert "Everyone in the group has given their view on every area." in page
    assert 'id="not-rated"' not in page and "Morgan Member" not in page


def test_a_post_without_the_confirmation_closes_nothing(as_role, world):
    response = as_role("coordinator").post(close_url(world))
    assert response.status_code == 302 and response["Location"] == close_url(world)
    assert round_state(world) == (None, None)


def test_confirming_closes_the_round_and_a_second_press_changes_nothing(as_role, world):
    client = as_role("coordinator")
    response = client.post(close_url(world), {"confirm": "yes"}, follow=True)
    assert "The round is closed and kept." in text(response)
    closed_at, closed_by = round_state(world)
    assert closed_at is not None and closed_by == world.coordinator.pk

    again = client.post(close_url(world), {"confirm": "yes"})
    assert again.status_code == 302
    assert again["Location"] == reverse("readiness:round", args=[world.group.slug, world.open_round.pk])
    assert "This round is already closed." in [str(message) for message in get_messages(again.wsgi_request)]
    assert round_state(world) == (closed_at, closed_by)


def test_a_round_with_no_agreed_level_cannot_be_confirmed(as_role, world):
    bare = AssessmentRound.objects.get(pk=world.open_round.pk)
    bare.agreed_levels.all().delete()
    client = as_role("coordinator")
    page = text(client.get(close_url(world)))
    assert "Agree a level for at least one area before you close the round." in page
    assert 'name="confirm"' not in page
    response = client.post(close_url(world), {"confirm": "yes"}, follow=True)
    assert "Agree a level for at least one domain before you close the round." in text(response)
    assert round_state(world) == (None, None)


# The same answers as the one-tap close gave: the coordinator only; 403 inside the group, 404 outside it.
EXPECTED = {role: 404 for role in ROLES} | {"visitor": "login", "member": 403, "facilitator": 403, "coordinator": None}


@pytest.mark.parametrize("role", [role for role in ROLES if role != "coordinator"])
def test_no_one_but_the_coordinator_sees_the_confirmation_or_closes_the_round(as_role, world, role):
    client = as_role(role)
    for response in (client.get(close_url(world)), client.post(close_url(world), {"confirm": "yes"})):
        if EXPECTED[role] == "login":
            assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
        else:
            assert response.status_code == EXPECTED[role]
            if EXPECTED[role] == 404:
                assert world.group.name not in text(response)
    assert round_state(world) == (None, None)
