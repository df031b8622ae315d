"""Sign in with an email address in any letter case."""

from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Django's model backend; the manager's natural key lookup ignores case."""
