"""The site's content version: it moves on whenever editors change anything, on every server at once.

It is the newest entry in Wagtail's page and model logs, which every publish, unpublish, move, delete,
view restriction and settings or snippet edit writes; reading it is one indexed query, asked once per
request. Whatever is built only from what editors publish (the visitor page cache, the site shell,
page addresses, the readiness framework) is kept under it, so nothing needs invalidating between
processes.
"""

import functools

from django.core.cache import cache
from django.db import connection
from django.utils import translation
from wagtail.models import ModelLogEntry, PageLogEntry

_VERSION_ATTRIBUTE = "_hub_content_version"


def content_version(request=None):
    """The site's content version, asked once per request: it changes whenever editors change anything."""
    if request is not None and hasattr(request, _VERSION_ATTRIBUTE):
        return getattr(request, _VERSION_ATTRIBUTE)
    quote = connection.ops.quote_name
    tables = [quote(model._meta.db_table) for model in (PageLogEntry, ModelLogEntry)]
    # Table names come from model metadata, never from a request.
    sql = "SELECT " + ", ".join(f"(SELECT MAX(id) FROM {table})" for table in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        version = "-".join(str(value or 0) for value in cursor.fetchone())
    if request is not None:
        setattr(request, _VERSION_ATTRIBUTE, version)
    return version


def kept_per_content_version(name, *, seconds):
    """Keep a function's answer in the cache under the content version and the active language.

    For what is built only from what editors publish (a framework, an outline): a publish, an edit in
    the admin or a language switch asks for a new key, so the answer is never stale and never in the
    wrong language. `seconds()` says how long a key is kept; 0 switches keeping off (the test settings).
    The function takes no arguments; its answer must pickle, and callers only read it.
    """

    def decorate(function):
        @functools.wraps(function)
        def kept():
            keep_for = seconds()
            if keep_for <= 0:
                return function()
            key = f"hub-content:{name}:{translation.get_language()}:{content_version()}"
            return cache.get_or_set(key, function, keep_for)

        return kept

    return decorate
