"""Closing a group, reopening it, and purging closed groups once their retention period has passed.

A closed group is read-only and left out of every list (the rules in `learning.permissions` say no
to every change), but all its records stay until `purge_closed_groups` deletes them, with their
evidence files, `LEARNING_CLOSED_GROUP_RETENTION_DAYS` after it closed.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..conf import closed_group_retention_days
from ..group_versions import bump_groups
from ..models import CommunityGroup, Invitation
from ..signals import group_closed, group_reopened

logger = logging.getLogger(__name__)


@transaction.atomic
def close_group(*, group, by):
    """Close the group: nothing in it can change any more, and its unused invitation links stop working."""
    locked = CommunityGroup.objects.select_for_update().get(pk=group.pk)
    if locked.closed_at is not None:
        raise ValidationError(_("This group is already closed."))
    if not permissions.can_close_group(by, locked):
        raise PermissionDenied
    now = timezone.now()
    locked.closed_at = now
    locked.closed_by = by
    locked.save(update_fields=["closed_at", "closed_by"])
    Invitation.objects.filter(group=locked, used_at__isnull=True, cancelled_at__isnull=True).update(cancelled_at=now)
    bump_groups(locked.pk)
    permissions.forget_access(by)
    transaction.on_commit(lambda: group_closed.send(sender=CommunityGroup, group=locked, by=by))
    logger.info("Group %s closed by user %s", locked.pk, by.pk)
    return locked


@transaction.atomic
def reopen_group(*, group, by):
    """Staff reopen a closed group before it is purged; invitation links cancelled on closing stay cancelled."""
    locked = CommunityGroup.objects.select_for_update().get(pk=group.pk)
    if not permissions.can_reopen_group(by, locked):
        raise PermissionDenied
    locked.closed_at = None
    locked.closed_by = None
    locked.save(update_fields=["closed_at", "closed_by"])
    permissions.forget_access(by)
    transaction.on_commit(lambda: group_reopened.send(sender=CommunityGroup, group=locked, by=by))
    logger.info("Group %s reopened by user %s", locked.pk, by.pk)
    return locked


def groups_due_for_purge(*, now=None, days=None):
    """Closed groups whose records have been kept for the whole retention period."""
    days = closed_group_retention_days() if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    return CommunityGroup.objects.filter(closed_at__isnull=False, closed_at__lte=cutoff).order_by("closed_at")


@dataclass
class PurgedGroup:
    name: str
    closed_at: object
    removed: dict = field(default_factory=dict)  # "app_label.Model" -> rows
    files: int = 0
    refused: str = ""


def purge_group(group, *, dry_run=False):
    """Delete one closed group with everything that belongs to it; its evidence files go once committed.

    The database deletes each evidence record one by one (the learning receiver removes each file after
    the transaction commits). With `dry_run` the deletion runs and is rolled back, so the counts are exact
    and nothing changes.
    """
    result = PurgedGroup(name=group.name, closed_at=group.closed_at)
    result.files = group.evidence.exclude(file="").count()
    try:
        with transaction.atomic():
            locked = CommunityGroup.objects.select_for_update().get(pk=group.pk)
            if locked.closed_at is None:
                result.refused = _("reopened before it was purged")
                return result
            _total, per_model = locked.delete()
            result.removed = {label: count for label, count in sorted(per_model.items()) if count}
            if dry_run:
                transaction.set_rollback(True)
    except ProtectedError as error:
        result.refused = _("kept: %(count)s records elsewhere still point at it") % {
            "count": len(error.protected_objects)
        }
        result.removed = {}
    if not dry_run and not result.refused:
        logger.info("Purged closed group %s (%s)", group.pk, result.removed)
    return result


def purge_closed_groups(*, dry_run=False, now=None, days=None):
    """Purge every group closed longer than the retention period; a list of what each removed."""
    return [purge_group(group, dry_run=dry_run) for group in groups_due_for_purge(now=now, days=days)]
