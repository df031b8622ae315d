"""Queries built once per process and read as raw SQL (resources/statements.py, issue 14)."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.backends import EmailBackend
from learning.readiness.permissions import HAS_SEAT_ATTR
from resources.statements import STAND_IN, Prepared
from tests.learning.factories import make_person
from tests.readiness.conftest import make_funder

pytestmark = pytest.mark.django_db


def people_named(someone):
    return get_user_model()._default_manager.filter(pk=someone)


def test_the_rows_are_the_ones_the_orm_gives_with_the_fields_converted():
    person = make_person(email="morag@example.org")
    prepared = Prepared(people_named)
    [found] = prepared.raw(person.pk, model=get_user_model())
    expected = get_user_model().objects.get(pk=person.pk)
    assert (found.pk, found.email, found.display_name) == (expected.pk, "morag@example.org", expected.display_name)
    assert found.date_joined == expected.date_joined and found.is_active is True
    assert list(prepared.raw(person.pk + 1000, model=get_user_model())) == []


def test_the_query_is_built_once_and_asked_with_each_value(monkeypatch):
    first, second = make_person(), make_person()
    built = []
    prepared = Prepared(lambda someone: built.append(someone) or people_named(someone))
    with CaptureQueriesContext(connection) as queries:
        assert [user.pk for user in prepared.raw(first.pk, model=get_user_model())] == [first.pk]
        assert [user.pk for user in prepared.raw(second.pk, model=get_user_model())] == [second.pk]
    assert built == [STAND_IN]
    assert len(queries) == 2 and str(STAND_IN) not in " ".join(query["sql"] for query in queries.captured_queries)


def test_a_query_that_does_not_take_its_value_as_a_parameter_is_refused():
    with pytest.raises(ValueError):
        list(Prepared(lambda someone: get_user_model().objects.all()).raw(1, model=get_user_model()))


def test_the_request_person_is_loaded_as_before_with_the_seat_as_true_or_false():
    reviewer, member = make_person(), make_person()
    make_funder("Statements Fund", reviewer)
    backend = EmailBackend()
    assert getattr(backend.get_user(reviewer.pk), HAS_SEAT_ATTR) is True
    assert getattr(backend.get_user(member.pk), HAS_SEAT_ATTR) is False
    assert backend.get_user(str(member.pk)).pk == member.pk  # the session keeps the id as text


def test_no_one_is_loaded_for_a_missing_inactive_or_malformed_id():
    gone = make_person()
    gone_id = gone.pk
    gone.delete()
    inactive = make_person(is_active=False)
    backend = EmailBackend()
    assert backend.get_user(gone_id) is None
    assert backend.get_user(inactive.pk) is None
    assert backend.get_user("not-an-id") is None
