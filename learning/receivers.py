"""What the learning app plugs in when it starts (`connect`, from `LearningConfig.ready`).

Stored progress is kept true when the set of a pathway's live steps changes (a step published for
the first time or again after being unpublished, unpublished, moved or deleted): one background
recount per pathway (learning.tasks) is queued once the change commits. A title edit or a new
revision of a step that is already live changes no count, so it queues nothing. The pathway and
step pages get their per-request context (the reader's group and its progress) from the
selectors, which the page models never import. A deleted evidence record takes its stored file
with it once the deletion has committed.
"""

from django.db import transaction
from django.db.models.signals import post_delete, pre_save
from wagtail.signals import post_page_move

from .models import Evidence, PathwayPage, StepPage
from .models.pages import provide_request_context
from .selectors import pathway_page_context, step_page_context
from .services.progress import relink_steps
from .tasks import recount_pathway


class _RecountBatch:
    """The recounts one transaction has queued so far; a batch is closed once its transaction commits."""

    def __init__(self):
        self.enqueued = set()
        self.closed = False


class _RecountAfterCommit:
    """An on-commit hook that queues a recount for each of its pathways its batch has not queued yet."""

    def __init__(self, batch, pathway_ids):
        self.batch, self.pathway_ids = batch, pathway_ids

    def __call__(self):
        self.batch.closed = True
        for pathway_id in sorted(self.pathway_ids - self.batch.enqueued):
            recount_pathway.enqueue(pathway_id)
            self.batch.enqueued.add(pathway_id)


def _recount_later(pathway_ids):
    """Queue one recount per pathway after commit, however many steps of it this transaction changed.

    Unpublishing or deleting a stage saves or deletes each of its steps; their hooks share the batch
    of the transaction's latest recount hook (found in Django's own on-commit list, so a rollback
    drops it with the hooks), and the first to run queues the pathway for all of them.
    """
    pathway_ids = {pk for pk in pathway_ids if pk}
    if not pathway_ids:
        return
    batch = None
    for hook in reversed(getattr(transaction.get_connection(), "run_on_commit", [])):
        if isinstance(hook[1], _RecountAfterCommit):
            batch = hook[1].batch
            break
    if batch is None or batch.closed:
        batch = _RecountBatch()
    transaction.on_commit(_RecountAfterCommit(batch, pathway_ids))


def _live_in(live, pathway_id):
    return {pathway_id} if live and pathway_id else set()


def on_step_saving(sender, instance, update_fields=None, **kwargs):
    """Publishing, unpublishing or creating a live step: recount only if it joins or leaves a live set."""
    if update_fields is not None and not {"live", "pathway"} & set(update_fields):
        return
    before = set()
    if instance.pk is not None:
        stored = StepPage.objects.filter(pk=instance.pk).values_list("live", "pathway_id").first()
        if stored is not None:
            before = _live_in(*stored)
    after = _live_in(instance.live, instance.pathway_id)
    _recount_later(before ^ after)


def _live_steps_under(page):
    return set(StepPage.objects.filter(path__startswith=page.path, live=True).values_list("pk", "pathway_id"))


def on_move(sender, instance, **kwargs):
    """A move changes a pathway's live steps only if a live step under the page changed pathway."""
    before = _live_steps_under(instance)
    relink_steps(instance)
    after = _live_steps_under(instance)
    _recount_later(pathway_id for _step, pathway_id in before ^ after)


def on_step_deleted(sender, instance, **kwargs):
    _recount_later(_live_in(instance.live, instance.pathway_id))


def on_evidence_deleted(sender, instance, **kwargs):
    """Remove the file after commit, so a rolled-back deletion still has its file."""
    if not instance.file:
        return
    storage, name = instance.file.storage, instance.file.name

    def remove_file():
        try:
            storage.delete(name)
        except FileNotFoundError:
            pass  # already gone: nothing left to remove

    transaction.on_commit(remove_file)


def connect():
    # Publishing and unpublishing save the step with its new `live`; pre_save still sees the old one.
    pre_save.connect(on_step_saving, sender=StepPage, dispatch_uid="learning_progress_on_step_save")
    post_page_move.connect(on_move, dispatch_uid="learning_progress_on_move")
    post_delete.connect(on_step_deleted, sender=StepPage, dispatch_uid="learning_progress_on_step_delete")
    post_delete.connect(on_evidence_deleted, sender=Evidence, dispatch_uid="learning_evidence_file_on_delete")
    provide_request_context(PathwayPage, pathway_page_context)
    provide_request_context(StepPage, step_page_context)
