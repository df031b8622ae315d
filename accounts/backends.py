"""Sign in with an email address in any letter case; the request's person is loaded with what most pages ask."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from learning.readiness.permissions import with_reviewer_seat_known


class EmailBackend(ModelBackend):
    """Django's model backend; the manager's natural key lookup ignores case.

    The person a session belongs to is read with whether they review for any funder, in the same
    query, so the site header's portfolio link asks nothing more of the many who do not.
    """

    def get_user(self, user_id):
        users = with_reviewer_seat_known(get_user_model()._default_manager.all())
        try:
            user = users.get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
