"""SESSION_ENGINE for sessions kept in the shared cache and the database: Django's, with the quick load."""

from django.contrib.sessions.backends import cached_db

from . import QuickLoad


class SessionStore(QuickLoad, cached_db.SessionStore):
    pass
