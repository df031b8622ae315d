"""Sign in with an email address in any letter case; the request's person is loaded with what most pages ask."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from learning.readiness.permissions import HAS_SEAT_ATTR, with_reviewer_seat_known
from resources.statements import Prepared

# Every signed-in request loads its person; the query is built once per process (resources.statements).
_PERSON = Prepared(lambda someone: with_reviewer_seat_known(get_user_model()._default_manager.filter(pk=someone)))


class EmailBackend(ModelBackend):
    """Django's model backend; the manager's natural key lookup ignores case.

    The person a session belongs to is read with whether they review for any funder, in the same
    query, so the site header's portfolio link asks nothing more of the many who do not.
    """

    def get_user(self, user_id):
        try:
            user_id = get_user_model()._meta.pk.to_python(user_id)
        except ValidationError:  # a session holding something that is not an id is no one's
            return None
        user = next(iter(_PERSON.raw(user_id, model=get_user_model())), None)
        if user is None:
            return None
        # As the ORM would give it: SQLite answers the seat question with 0 or 1.
        setattr(user, HAS_SEAT_ATTR, bool(getattr(user, HAS_SEAT_ATTR)))
        return user if self.user_can_authenticate(user) else None
