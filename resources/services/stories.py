"""Tell your story: a signed-in person's story becomes a draft case study waiting for review."""

import os
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.text import Truncator, slugify
from wagtail.images import get_image_model
from wagtail.models import Page, WorkflowState

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
    Image = get_image_model()
    extension = os.path.splitext(photo.name)[1].lower()[:5] or ".jpg"
    photo.name = f"story-{uuid.uuid4().hex[:12]}{extension}"
    return Image.objects.create(title=alt_text[:255], file=photo, uploaded_by_user=user)


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
