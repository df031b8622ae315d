"""What the learning app plugs in when it starts (`connect`, from `LearningConfig.ready`).

Stored progress is kept true when a pathway's steps are published, unpublished, moved or deleted,
and the pathway and step pages get their per-request context (the reader's group and its
progress) from the selectors, which the page models never import. A deleted evidence record takes
its stored file with it once the deletion has committed.
"""

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import Evidence, PathwayPage, StepPage
from .models.pages import provide_request_context
from .selectors import pathway_page_context, step_page_context
from .services.progress import recalculate_pathway, relink_steps


def _pathway_ids_for(page):
    if isinstance(page, StepPage):
        return {page.pathway_id} if page.pathway_id else set()
    ids = set(
        StepPage.objects.filter(path__startswith=page.path).exclude(pathway=None).values_list("pathway", flat=True)
    )
    pathway = PathwayPage.objects.ancestor_of(page, inclusive=True).values_list("pk", flat=True).first()
    if pathway:
        ids.add(pathway)
    return ids


def _recalculate_later(pathway_ids):
    def run():
        for pathway in PathwayPage.objects.filter(pk__in=pathway_ids):
            recalculate_pathway(pathway)

    if pathway_ids:
        transaction.on_commit(run)


def on_publish_change(sender, instance, **kwargs):
    _recalculate_later(_pathway_ids_for(instance))


def on_move(sender, instance, **kwargs):
    _recalculate_later(relink_steps(instance))


def on_step_deleted(sender, instance, **kwargs):
    if instance.pathway_id:
        _recalculate_later({instance.pathway_id})


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
    page_published.connect(on_publish_change, dispatch_uid="learning_progress_on_publish")
    page_unpublished.connect(on_publish_change, dispatch_uid="learning_progress_on_unpublish")
    post_page_move.connect(on_move, dispatch_uid="learning_progress_on_move")
    post_delete.connect(on_step_deleted, sender=StepPage, dispatch_uid="learning_progress_on_step_delete")
    post_delete.connect(on_evidence_deleted, sender=Evidence, dispatch_uid="learning_evidence_file_on_delete")
    provide_request_context(PathwayPage, pathway_page_context)
    provide_request_context(StepPage, step_page_context)
