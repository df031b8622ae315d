"""Django's database sessions, with the read every signed-in request makes built once per process.

Building `Session.objects.get(session_key=..., expire_date__gt=now)` costs the ORM far more CPU than
the database takes to answer it. `QuickLoad` has the ORM build that query once per process and
database, then reads it through `raw()` with each request's key and time, which still converts each
column as the ORM does. Saving, creating, deleting and clearing expired sessions are Django's own, unchanged.
Use `accounts.sessions.db` as SESSION_ENGINE, or `accounts.sessions.cached_db` with a shared cache.
"""

from django.db import connections, router
from django.utils import timezone

# Stands for the key while the query is built: Django's keys are 32 letters and digits.
STAND_IN = "-"
_statements = {}


def _statement(model, database):
    """The SQL of one live session by its key on `database`, built by the ORM once per process, and where
    its key goes among its two parameters (the other is the time now)."""
    if database not in _statements:
        queryset = model._default_manager.using(database).filter(session_key=STAND_IN, expire_date__gt=timezone.now())
        sql, params = queryset.query.get_compiler(database).as_sql()
        if len(params) != 2 or STAND_IN not in params:
            raise ValueError(f"unexpected parameters for the session query: {params!r}")
        _statements[database] = (sql, params.index(STAND_IN))
    return _statements[database]


class QuickLoad:
    """Mixed into a database session store ahead of Django's: the same session, found the same way."""

    def _get_session_from_db(self):
        database = router.db_for_read(self.model)
        now = self.model._meta.get_field("expire_date").get_db_prep_value(timezone.now(), connections[database])
        sql, key_at = _statement(self.model, database)
        params = [now, now]
        params[key_at] = self.session_key
        rows = self.model._default_manager.using(database).raw(sql, params)
        for session in rows:
            return session
        # No such session, or it has expired: this request goes on without one, as in Django's own.
        self._session_key = None
        return None
