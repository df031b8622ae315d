"""The request's person is loaded knowing whether they review for any funder (accounts.backends).

Someone with no seat is answered without a query; a reviewer still gets their seats; a seat given
after the person was loaded is seen once the kept answer is forgotten, and at the next request.
"""

import pytest
from django.contrib.auth import get_user_model
from django.utils.functional import SimpleLazyObject

from accounts.backends import EmailBackend
from learning.readiness.models import FunderOrganisation
from learning.readiness.permissions import forget_reviewer_seats, is_funder_reviewer, reviewer_seats
from tests.learning.factories import make_person

from .conftest import make_funder

pytestmark = pytest.mark.django_db


def _as_the_request_loads(person):
    """The person as the session middleware hands them to a view: lazily, through the sign-in backend."""
    return SimpleLazyObject(lambda: EmailBackend().get_user(person.pk))


def test_someone_with_no_seat_is_answered_without_a_query(django_assert_num_queries):
    user = _as_the_request_loads(make_person())
    with django_assert_num_queries(1):  # the person, once
        assert not is_funder_reviewer(user)
        assert reviewer_seats(user) == frozenset()


def test_a_reviewer_still_gets_their_seats():
    reviewer = make_person()
    funder = make_funder("Seat Fund", reviewer)
    user = _as_the_request_loads(reviewer)
    assert reviewer_seats(user) == {funder.pk}
    assert is_funder_reviewer(user, funder)


def test_a_seat_given_later_shows_once_forgotten_and_at_the_next_request():
    person = make_person()
    user = _as_the_request_loads(person)
    assert not is_funder_reviewer(user)
    funder = FunderOrganisation.objects.create(name="Late Fund", slug="late-fund")
    funder.reviewers.add(person)
    funder.save()  # a parental many-to-many is written with its organisation
    forget_reviewer_seats(user)
    assert reviewer_seats(user) == {funder.pk}
    assert is_funder_reviewer(_as_the_request_loads(person), funder)


def test_a_person_loaded_otherwise_still_asks():
    reviewer = make_person()
    funder = make_funder("Plain Fund", reviewer)
    assert reviewer_seats(get_user_model().objects.get(pk=reviewer.pk)) == {funder.pk}
