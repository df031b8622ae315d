"""Tell your story: a signed-in person's story becomes a draft case study waiting for review."""

import uuid

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.text import Truncator, slugify
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, WorkflowState
from wagtail.utils.file import hash_filelike

from ..images import is_stripped, strip_image_metadata
from ..models import CaseStudyIndexPage, CaseStudyPage, CaseStudyPartner
from ..sanitise import sanitise_text
from .workflow import assign_case_study_workflow, case_study_workflow

MAX_PARTNERS = 20


def story_index():
    """The case study index stories go to: the first one on the site."""
    return CaseStudyIndexPage.objects.live().order_by("path").first()


def _paragraphs(text):
    """Plain text as safe HTML paragraphs: tags removed, then every character escaped."""
    return linebreaks(escape(sanitise_text(text)))


def _unique_slug(parent, title):
    base = slugify(title)[:60] or "story"
    slug, n = base, 1
    while parent.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _save_photo(*, photo, alt_text, user):
    """Keep the photo, stripped of its location, where only reviewers can reach it, under a random name."""
    if not is_stripped(photo):
        photo = strip_image_metadata(photo)
    # 128 random bits and nothing of the sender's file name, which may say who or where.
    photo.name = f"{uuid.uuid4().hex}{PHOTO_EXTENSIONS[photo.content_type]}"
    Image = get_image_model()
    # Size and hash as Wagtail's own upload form records them: renditions are cached by the hash.
    file_hash = hash_filelike(photo)
    photo.seek(0)
    return Image.objects.create(
        title=alt_text[:255],
        file=photo,
        file_size=photo.size,
        file_hash=file_hash,
        uploaded_by_user=user,
        collection=photos_awaiting_review_collection(),
    )


# --- Where story photos are kept ----------------------------------------------------------------
# A story's photo waits in a collection with a view restriction until a moderator publishes the
# story, then moves to a public one. The images API lists no image in a restricted collection,
# so the restriction is what keeps it out of sight; it also tells editors in the admin why.

PHOTOS_AWAITING_REVIEW = "Stories awaiting review"
PUBLISHED_PHOTOS = "Stories"
PHOTO_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}


def _collection_under_root(name):
    root = Collection.get_first_root_node()
    # Lock the root so that two first stories sent at once make one collection, not two.
    root = Collection.objects.select_for_update().get(pk=root.pk)
    existing = root.get_children().filter(name=name).order_by("path").first()
    return existing or root.add_child(name=name)


@transaction.atomic
def photos_awaiting_review_collection():
    """The private collection of photos of stories no moderator has published yet; made when first needed."""
    collection = _collection_under_root(PHOTOS_AWAITING_REVIEW)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(_reviewer_groups())
    return collection


@transaction.atomic
def published_photos_collection():
    """The public collection photos of published stories move to."""
    return _collection_under_root(PUBLISHED_PHOTOS)


def _reviewer_groups():
    workflow = case_study_workflow()
    if workflow is None:
        return Group.objects.none()
    return Group.objects.filter(groupapprovaltask__workflow_tasks__workflow=workflow).distinct()


def _story_photo_collections():
    return Collection.objects.filter(depth=2, name__in=[PHOTOS_AWAITING_REVIEW, PUBLISHED_PHOTOS])


def story_photos_of(page):
    """Story photos the case study shows or has shown in a draft: a moderator may have swapped the photo."""
    ids = {page.hero_image_id}
    if page.submitted_by_id:
        # Only a story's drafts can hold a photo sent with it; other case studies skip the read.
        for content in page.revisions.values_list("content", flat=True):
            ids.add((content or {}).get("hero_image"))
    ids.discard(None)
    if not ids:
        return get_image_model().objects.none()
    return get_image_model().objects.filter(pk__in=ids, collection__in=_story_photo_collections())


@transaction.atomic
def publish_story_photo(*, page):
    """The published case study's photo becomes public; other unpublished photos of the story are deleted."""
    photos = story_photos_of(page)
    awaiting = photos.filter(collection__view_restrictions__isnull=False)
    if page.hero_image_id and awaiting.filter(pk=page.hero_image_id).exists():
        get_image_model().objects.filter(pk=page.hero_image_id).update(collection=published_photos_collection())
    # A photo the moderator took out of the story was never published: it is not kept.
    delete_story_photos(image_ids=awaiting.exclude(pk=page.hero_image_id).values_list("pk", flat=True))


@transaction.atomic
def hide_story_photo(*, page):
    """A story taken down takes its photo out of public view too, unless another live page shows it."""
    if not page.hero_image_id or not story_photos_of(page).filter(pk=page.hero_image_id).exists():
        return
    if CaseStudyPage.objects.live().filter(hero_image_id=page.hero_image_id).exclude(pk=page.pk).exists():
        return
    get_image_model().objects.filter(pk=page.hero_image_id).update(collection=photos_awaiting_review_collection())


def discard_unpublished_story_photos(*, page_id):
    """After a review ends without publishing (rejected, cancelled), delete the story's unpublished photos.

    Run once the transaction has committed: publishing while a review is in progress also cancels
    it, and a review that restarts is in progress again; in both cases the photo is kept.
    """
    page = CaseStudyPage.objects.filter(pk=page_id).first()
    if page is None or page.live:
        return
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return
    awaiting = story_photos_of(page).filter(collection__view_restrictions__isnull=False)
    delete_story_photos(image_ids=awaiting.values_list("pk", flat=True))


@transaction.atomic
def delete_story_photos(*, image_ids):
    """Delete story photos: the image, its renditions and (once committed) their files."""
    Image = get_image_model()
    for image in Image.objects.filter(pk__in=list(image_ids), collection__in=_story_photo_collections()):
        # One by one, so that Wagtail's post_delete handlers remove each file and rendition.
        image.delete()


def submit_story(
    *,
    user,
    title,
    group_name,
    place,
    activities,
    what_happened,
    what_changed,
    who_was_involved="",
    photo=None,
    photo_alt="",
):
    """Create the story as a draft case study and start "Case study review" on it; return the page."""
    index = story_index()
    if index is None:
        raise ImproperlyConfigured("Stories need a published case study index page.")
    title = sanitise_text(title).strip()
    what_happened = sanitise_text(what_happened).strip()
    with transaction.atomic():
        workflow = case_study_workflow()
        if workflow is not None and index.get_workflow() is None:
            assign_case_study_workflow(index_page=index)
        page = CaseStudyPage(
            title=title,
            slug=_unique_slug(index, title),
            live=False,
            owner=user,
            summary=Truncator(" ".join(what_happened.split())).chars(280),
            place=place,
            what_they_did=[("paragraph", _paragraphs(what_happened))],
            what_changed=_paragraphs(what_changed),
            submitted_by=user,
            consent_given_at=timezone.now(),
            **{name: True for name in activities},
        )
        if photo is not None:
            alt_text = sanitise_text(photo_alt).strip()
            page.hero_image = _save_photo(photo=photo, alt_text=alt_text, user=user)
            page.hero_image_alt = alt_text
        names = [sanitise_text(group_name).strip()]
        names += [sanitise_text(line).strip() for line in (who_was_involved or "").splitlines()]
        page.partners = [
            CaseStudyPartner(name=name[:160], kind="community-group" if i == 0 else "other")
            for i, name in enumerate(n for n in names if n)
            if i < MAX_PARTNERS
        ]
        index.add_child(instance=page)
        page.save_revision(user=user)
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, user)
    return page


STATUS_PUBLISHED = "published"
STATUS_IN_REVIEW = "in_review"
STATUS_CHANGES = "changes_needed"
STATUS_NOT_PUBLISHED = "not_published"
STATUS_DRAFT = "draft"


def stories_sent_by(user):
    """The user's stories, newest first, each with a `story_status` from the workflow."""
    stories = list(CaseStudyPage.objects.filter(submitted_by=user).order_by("-pk"))
    if not stories:
        return []
    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(story.pk) for story in stories],
    ).order_by("created_at")
    latest = {}
    for state in states:
        latest[state.object_id] = state.status
    for story in stories:
        story.story_status = _status(story, latest.get(str(story.pk)))
    return stories


def _status(story, workflow_status):
    if story.live:
        return STATUS_PUBLISHED
    if workflow_status == WorkflowState.STATUS_IN_PROGRESS:
        return STATUS_IN_REVIEW
    if workflow_status == WorkflowState.STATUS_NEEDS_CHANGES:
        return STATUS_CHANGES
    if workflow_status == WorkflowState.STATUS_CANCELLED:
        return STATUS_NOT_PUBLISHED
    return STATUS_DRAFT
