"""Background work of the learning core: recounting a pathway's stored progress after its live steps change.

An editor's publish only enqueues `recount_pathway` (learning.receivers); the worker recounts each
enrolled group in its own short transaction, locking that one Enrolment row as a member's "done"
does, so members keep pressing "done" while it runs and a pathway with thousands of groups never
holds thousands of locks. The recount derives everything from the live steps and the stored step
statuses, so running it twice, or beside a member's change, leaves the same numbers.
"""

from django.db import transaction
from django_tasks import task

from .group_versions import bump_groups
from .models import Enrolment, PathwayPage
from .services.progress import recompute


def recount_groups_one_by_one(pathway):
    """Recount every group enrolled on `pathway`, one transaction and one lock per group; returns how many."""
    counted = 0
    group_ids = list(Enrolment.objects.filter(pathway=pathway).order_by("pk").values_list("group_id", flat=True))
    for group_id in group_ids:
        with transaction.atomic():
            # The group's row first, then the enrolment, in the order every progress write takes them
            # (services.progress._lock_enrolment): a member's press beside the recount waits, never deadlocks.
            bump_groups(group_id)
            enrolment = (
                Enrolment.objects.select_for_update(of=("self",))
                .select_related("group")
                .filter(group_id=group_id, pathway=pathway)
                .first()
            )
            if enrolment is None:
                continue  # the group left the pathway since the list was read
            recompute(group=enrolment.group, pathway=pathway)
            counted += 1
    return counted


@task()
def recount_pathway(pathway_id):
    """Recount stored progress of every group on one pathway; a pathway deleted meanwhile is skipped."""
    pathway = PathwayPage.objects.filter(pk=pathway_id).first()
    if pathway is None:
        return 0
    return recount_groups_one_by_one(pathway)
