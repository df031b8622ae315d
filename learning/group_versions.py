"""A group's records version, and what its pages keep in the cache under it.

`CommunityGroup.records_version` moves on by one, in the database, inside the transaction of every
write that changes anything the group's pages show. It lives in the database, not only in the cache, so
every process and server sees it move at once, and it arrives with the group rows a request loads anyway
(`permissions.places`), so reading it costs no query.

Nothing has to remember to move it. One receiver on `post_save` and `post_delete` of every model that
leads to a group through its foreign keys (found when the apps are ready, the core's and the plugins'
alike, up to three steps away: a rating -> its round -> the group) moves the group's version. Writes
that send no signal (`QuerySet.update()`, `bulk_create`) call `bump_groups` themselves; a person
renaming themselves moves the versions of the groups they belong to.

What the group's pages keep (`kept_for_group`) is keyed on the group, its records version, the
content version, the language and whatever else the caller names (a step, a person, today's date),
so an entry is never read after any of them changes, and never for another group.
"""

import functools
import hashlib
import threading

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils import translation

from resources.content_version import content_version

from .conf import group_cache_seconds
from .models import CommunityGroup, FacilitatorAssignment, Membership

MAX_STEPS = 3
# Longer keys (a person in many groups) are hashed: memcached takes no more than 250 characters.
MAX_KEY_LENGTH = 200

# model -> list of foreign-key paths (attribute names) from the model to its group's id
_PATHS = {}
_this_request = threading.local()


@receiver(request_started, dispatch_uid="learning.group_versions.started")
@receiver(request_finished, dispatch_uid="learning.group_versions.finished")
def _new_request(signal, **kwargs):
    # Kept only while a request is served: a thread that once served a request and then runs other work (a
    # test's body, a task) neither keeps growing them nor skips keeping for every group it ever changed.
    serving = signal is request_started
    _this_request.bumped = set() if serving else None
    # The group a parent row belongs to, found once per request (a form saving a rating per area loads the
    # round once); a row never moves to another group.
    _this_request.parents = {} if serving else None


def group_paths():
    """For every model that leads to a group, the foreign-key paths from it to the group's id."""
    if not _PATHS:
        _PATHS.update(_find_paths())
    return _PATHS


def _find_paths():
    found = {}
    for model in apps.get_models():
        if model is CommunityGroup:
            continue
        paths = _paths_from(model, steps=MAX_STEPS, seen={model})
        if paths:
            # The shortest ways only: a meeting's own group, not the group of the evidence it is kept as.
            shortest = min(len(path) for path in paths)
            found[model] = [path for path in paths if len(path) == shortest]
    return found


def _paths_from(model, *, steps, seen):
    paths = []
    for field in model._meta.concrete_fields:
        if not field.many_to_one and not field.one_to_one:
            continue
        target = field.related_model
        if target is CommunityGroup:
            paths.append((field.name,))
        elif steps > 1 and target not in seen and target._meta.app_label in _APP_LABELS:
            paths.extend((field.name, *rest) for rest in _paths_from(target, steps=steps - 1, seen=seen | {target}))
    return paths


# Only the Hub's own apps lead to a group; Wagtail's and Django's models are never walked.
_APP_LABELS = {"learning", "readiness", "meetings", "partners"}


def group_ids_of(instance):
    """The ids of the groups an object belongs to, following its foreign keys (a query per step whose
    object is not loaded yet; a step that no longer exists leads nowhere)."""
    found = set()
    for path in group_paths().get(type(instance), ()):
        found.update(_follow(instance, path))
    return found


def _follow(instance, path):
    field = instance._meta.get_field(path[0])
    if len(path) == 1:
        value = getattr(instance, field.attname)
        return [value] if value is not None else []
    if field.is_cached(instance):
        related = getattr(instance, field.name)
    else:
        related_id = getattr(instance, field.attname)
        if related_id is None:
            return []
        parents = getattr(_this_request, "parents", None)
        key = (field.related_model, related_id, path[1:])
        if parents is not None and key in parents:
            return parents[key]
        related = field.related_model._base_manager.filter(pk=related_id).first()
        found = _follow(related, path[1:]) if related is not None else []
        if parents is not None:
            parents[key] = found
        return found
    return _follow(related, path[1:]) if related is not None else []


class _Bumped:
    """An on-commit marker: this transaction has moved the group's version, at these savepoints.

    Django drops the marker when the savepoint it was made in is rolled back, and drops every marker when
    the transaction ends, so a marker still there is a move that still stands."""

    __slots__ = ("group_id", "savepoints")

    def __init__(self, group_id, savepoints):
        self.group_id = group_id
        self.savepoints = savepoints

    def __call__(self):
        return None

    def stands_for(self, savepoints):
        """Made in this block, a block around it or a block inside it since released into it (not in a block
        beside it: a test's earlier service call, a transaction of its own)."""
        shorter = min(len(self.savepoints), len(savepoints))
        return self.savepoints[:shorter] == savepoints[:shorter]


def bump_groups(*group_ids):
    """Move the groups' records versions on, in the current transaction.

    A transaction moves each group once, however many rows it writes and however deep its blocks nest: a
    move is left out while an earlier one of the same transaction still stands. A savepoint rolled back
    takes its move with it, and then the next write moves the version again. A test's own transaction
    (Django's TestCase marks it) is not counted, so each service call a test makes is a transaction of its
    own, as on a live site, and a write in the test's body always moves it.
    """
    wanted = {group_id for group_id in group_ids if group_id is not None}
    if not wanted:
        return
    bumped = getattr(_this_request, "bumped", None)
    if bumped is not None:
        bumped.update(wanted)
    if any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks):
        here = tuple(connection.savepoint_ids)
        wanted -= {
            func.group_id
            for _sids, func, _robust in connection.run_on_commit
            if isinstance(func, _Bumped) and func.stands_for(here)
        }
        if not wanted:
            return
        for group_id in wanted:
            transaction.on_commit(_Bumped(group_id, here))
    ids = sorted(wanted)
    with transaction.mark_for_rollback_on_error(), connection.cursor() as cursor:
        for start in range(0, len(ids), BUMP_BATCH):
            batch = ids[start : start + BUMP_BATCH]
            cursor.execute(_bump_sql(len(batch)), batch)


# Groups moved by one statement at most (a pathway republished moves every group enrolled on it).
BUMP_BATCH = 500


@functools.lru_cache(maxsize=64)
def _bump_sql(count):
    """`records_version = records_version + 1` for `count` groups, written once a process: it runs on every
    write, and the ORM spent longer building it than the database running it."""
    quote = connection.ops.quote_name
    meta = CommunityGroup._meta
    version = quote(meta.get_field("records_version").column)
    # The names come from the model's metadata; every id is a parameter.
    return (
        f"UPDATE {quote(meta.db_table)} SET {version} = {version} + 1"  # noqa: S608
        f" WHERE {quote(meta.pk.column)} IN ({', '.join(['%s'] * count)})"
    )


def _on_change(sender, instance, raw=False, **kwargs):
    if raw:
        return
    bump_groups(*group_ids_of(instance))


# What a person is shown as on a group's pages is made of these (those the user model has); a save naming
# only other fields (a sign-in's `last_login`, a new password, signing out everywhere) changes no group page.
SHOWN_PERSON_FIELDS = {"first_name", "last_name", "display_name", "full_name", "name", "email", "username"}
SHOWN_PERSON_FIELDS |= {"erased_at", "is_active"}


def _on_person_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw or created or (update_fields is not None and not set(update_fields) & SHOWN_PERSON_FIELDS):
        return
    bump_groups(*groups_of_person(instance.pk))


def _on_person_deleted(sender, instance, **kwargs):
    # Their actions stay with "a former member" in every group they were ever in.
    bump_groups(*groups_of_person(instance.pk, ever=True))


def groups_of_person(user_id, *, ever=False):
    """The ids of the groups a person belongs to or facilitates (with `ever`, also those they left)."""
    memberships = Membership.objects.filter(user_id=user_id)
    if not ever:
        memberships = memberships.active()
    assignments = FacilitatorAssignment.objects.filter(facilitator_id=user_id)
    # One query: the two lists joined in the database.
    return set(
        memberships.order_by()
        .values_list("group_id", flat=True)
        .union(assignments.order_by().values_list("group_id", flat=True))
    )


def connect():
    """Called from LearningConfig.ready(): every save and delete of a model leading to a group moves its version."""
    # One connection per model, so the models no group page shows keep Django's fast deletes.
    for model in group_paths():
        post_save.connect(_on_change, sender=model, dispatch_uid=f"learning.group_versions.saved.{model._meta.label}")
        post_delete.connect(
            _on_change, sender=model, dispatch_uid=f"learning.group_versions.deleted.{model._meta.label}"
        )
    post_save.connect(_on_person_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="learning.group_versions.person")
    pre_delete.connect(
        _on_person_deleted, sender=settings.AUTH_USER_MODEL, dispatch_uid="learning.group_versions.person_deleted"
    )


def kept_for_groups(name, groups, *parts, build):
    """Like `kept_for_group`, for an answer about several groups at once (a person's home): kept under every
    one's records version, so a change in any of them asks for a new key."""
    keep_for = group_cache_seconds()
    if not groups:
        return build()
    bumped = getattr(_this_request, "bumped", None) or ()
    versions = [(group.pk, getattr(group, "records_version", None)) for group in groups]
    if keep_for <= 0 or any(version is None or pk in bumped for pk, version in versions):
        return build()
    which = ":".join(str(part) for part in [*parts, *(f"{pk}.{version}" for pk, version in sorted(versions))])
    key = f"hub-groups:{name}:{translation.get_language()}:{content_version()}:{which}"
    if len(key) > MAX_KEY_LENGTH:
        key = f"hub-groups:{name}:{hashlib.sha256(key.encode()).hexdigest()}"
    return cache.get_or_set(key, build, keep_for)


def kept_for_group(name, group, *parts, build):
    """`build()`'s answer for the group, kept in the cache under its records version.

    The key holds the group, its records version (as loaded with the group in this request), the content
    version, the language and `parts` (what else the answer depends on: a step, a person, today's date).
    Not kept when keeping is off (`LEARNING_GROUP_CACHE_SECONDS` 0), or when this request has itself
    changed the group's records (the version loaded with it is behind). Answers must pickle, and callers
    only read them.
    """
    keep_for = group_cache_seconds()
    version = getattr(group, "records_version", None)
    if keep_for <= 0 or version is None or group.pk in (getattr(_this_request, "bumped", None) or ()):
        return build()
    which = ":".join(str(part) for part in parts)
    key = f"hub-group:{name}:{group.pk}:{version}:{translation.get_language()}:{content_version()}:{which}"
    return cache.get_or_set(key, build, keep_for)
