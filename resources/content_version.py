"""The site's content version: it moves on whenever editors change anything, on every server at once.

It is the newest entry in Wagtail's page and model logs, which every publish, unpublish, move, delete,
view restriction and settings or snippet edit writes; reading it is one indexed query, asked once per
request. Whatever is built only from what editors publish (the visitor page cache, the site shell,
page addresses, the readiness framework) is kept under it, so nothing needs invalidating between
processes.
"""

import functools
import threading
import uuid

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connection
from django.dispatch import receiver
from django.utils import translation
from wagtail.models import ModelLogEntry, PageLogEntry

_VERSION_ATTRIBUTE = "_hub_content_version"


# The version read in the request this thread is serving, so selectors without the request (the
# framework) ask no second query; nothing is kept outside a request (tasks, commands, the shell).
_this_request = threading.local()


@receiver(request_started, dispatch_uid="resources.content_version.started")
@receiver(request_finished, dispatch_uid="resources.content_version.finished")
def _new_request(signal, **kwargs):
    _this_request.serving = signal is request_started
    _this_request.version = None
    _this_request.answers = {}


def once_per_request(name, load):
    """`load()`, asked once in the request this thread is serving and reused for the rest of it.

    For what a request asks several times and nothing in it changes (the site's default locale);
    outside a request (tasks, commands, the shell) it is asked every time. Never kept from one
    request to the next, so it is never another request's answer.
    """
    if not getattr(_this_request, "serving", False):
        return load()
    answers = _this_request.answers
    if name not in answers:
        answers[name] = load()
    return answers[name]


def content_version(request=None):
    """The site's content version, asked once per request: it changes whenever editors change anything."""
    if request is not None and hasattr(request, _VERSION_ATTRIBUTE):
        return getattr(request, _VERSION_ATTRIBUTE)
    serving = getattr(_this_request, "serving", False)
    version = _this_request.version if serving else None
    if version is None:
        version = _read_version()
        if serving:
            _this_request.version = version
    if request is not None:
        setattr(request, _VERSION_ATTRIBUTE, version)
    return version


def _read_version():
    quote = connection.ops.quote_name
    tables = [quote(model._meta.db_table) for model in (PageLogEntry, ModelLogEntry)]
    # Table names come from model metadata, never from a request.
    sql = "SELECT " + ", ".join(f"(SELECT MAX(id) FROM {table})" for table in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return "-".join(str(value or 0) for value in cursor.fetchone())


def kept_per_content_version(name, *, seconds, key=None):
    """Keep a function's answer in the cache under the content version and the active language.

    For what is built only from what editors publish (a framework, a step's place in its pathway): a
    publish, an edit in the admin or a language switch asks for a new key, so the answer is never stale
    and never in the wrong language. `seconds()` says how long a key is kept; 0 switches keeping off
    (the test settings). `key(*args)` names what the answer depends on besides (a page's id); without
    it the function takes no arguments. Answers must pickle, and callers only read them.
    """

    def decorate(function):
        @functools.wraps(function)
        def kept(*args):
            keep_for = seconds()
            if keep_for <= 0:
                return function(*args)
            which = f":{key(*args)}" if key else ""
            cache_key = f"hub-content:{name}{which}:{translation.get_language()}:{content_version()}"
            return remembered(cache_key, lambda: function(*args), keep_for)

        return kept

    return decorate


# What this process took from the cache, so a large answer (the framework: about 150 objects) is not
# unpickled again on every request: {cache key: (token, answer)}. Emptied whole when it grows past
# REMEMBERED_MAX; the keys carry the content version, so old versions' answers go with it.
_remembered = {}
REMEMBERED_MAX = 500


def remembered(cache_key, load, seconds):
    """`load()` kept in the cache under `cache_key`, and in this process while the cache still holds it.

    Beside the answer the cache keeps a small token that changes whenever the answer is stored anew:
    the process reuses its own copy only while the cache hands back the same token, so clearing the
    cache (or another process storing the key afresh) is seen at once, at the cost of reading a short
    string instead of the whole answer. Answers are shared by every request of the process: read only.
    """
    token_key = f"{cache_key}:token"
    token = cache.get(token_key)
    if token is not None:
        held = _remembered.get(cache_key)
        if held is not None and held[0] == token:
            return held[1]
        stored = cache.get(cache_key)
        if stored is not None and stored[0] == token:
            _keep_in_process(cache_key, stored)
            return stored[1]
    stored = (uuid.uuid4().hex, load())
    cache.set_many({cache_key: stored, token_key: stored[0]}, seconds)
    _keep_in_process(cache_key, stored)
    return stored[1]


def _keep_in_process(cache_key, stored):
    if len(_remembered) >= REMEMBERED_MAX:
        _remembered.clear()
    _remembered[cache_key] = stored


# What modules keep in the process under the content version alone, with no token in the cache to check
# (the site of each host, every page's address): a function for each that forgets it.
_kept_in_process = []


def kept_in_process(forget):
    """Register `forget()`, which drops something a module keeps in this process under the content version.

    The version only moves forwards while the database does. Where the database goes back (a restored
    backup; each test's changes rolled back), the same version can name other content, so
    `forget_what_the_process_keeps` must run before the next request: restart the processes after
    restoring a backup.
    """
    _kept_in_process.append(forget)
    return forget


def forget_what_the_process_keeps():
    """Drop everything this process keeps under the content version: the next request reads it afresh."""
    for forget in _kept_in_process:
        forget()
    _remembered.clear()
