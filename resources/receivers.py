"""Signal receivers that keep a story's photo as private as the story: connected in `ResourcesConfig.ready`."""

from functools import partial

from django.db import transaction

from .models import CaseStudyPage
from .services import stories


def story_published(sender, instance, **kwargs):
    """page_published: the photo of a published case study moves to the public collection."""
    stories.publish_story_photo(page=instance)


def story_unpublished(sender, instance, **kwargs):
    """page_unpublished: a story taken down takes its photo out of public view."""
    stories.hide_story_photo(page=instance)


def review_ended_without_publishing(sender, instance, **kwargs):
    """workflow_rejected and workflow_cancelled: the unpublished photo of a case study is deleted.

    Deferred until the transaction commits, when it is clear whether the page was published (which
    also cancels its review) or sent for review again; the admin also saves the page after
    cancelling, and that save must still find the image it names.
    """
    page = instance.content_object
    if page is None or not issubclass(getattr(page, "specific_class", None) or type(page), CaseStudyPage):
        return
    transaction.on_commit(partial(stories.discard_unpublished_story_photos, page_id=page.pk))


def story_deleted(sender, instance, **kwargs):
    """pre_delete of a case study: its story photos are deleted with it once the deletion commits.

    Found before the deletion, while the page's revisions (which may name a swapped photo) still exist.
    """
    image_ids = list(stories.story_photos_of(instance).values_list("pk", flat=True))
    if image_ids:
        transaction.on_commit(partial(stories.delete_story_photos, image_ids=image_ids))
