"""SESSION_ENGINE for database sessions (no shared cache): Django's, with the quick load."""

from django.contrib.sessions.backends import db

from . import QuickLoad


class SessionStore(QuickLoad, db.SessionStore):
    pass
