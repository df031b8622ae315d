"""The resources app's part of a person's data download: the stories they sent in and their photos.

Listed in the host's `ACCOUNTS_PERSONAL_DATA_PROVIDERS`; returns plain dicts, never imports the host
or the learning app.
"""

import html
import os

from django.contrib.contenttypes.models import ContentType
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from .models import CaseStudyPage
from .services.stories import PHOTOS_AWAITING_REVIEW, PUBLISHED_PHOTOS, stories_sent_by

STATUS_LABELS = {
    "published": gettext_lazy("Published"),
    "in_review": gettext_lazy("Waiting for review"),
    "changes_needed": gettext_lazy("Changes asked for"),
    "not_published": gettext_lazy("Not published"),
    "draft": gettext_lazy("Draft"),
}


def _plain(markup):
    """What a person wrote, without the HTML the site keeps it in."""
    return html.unescape(strip_tags(str(markup))).strip()


def _stream_text(stream):
    """A StreamField as plain text: each text block a paragraph, anything else as stored."""
    blocks = []
    for block in stream.get_prep_value():
        value = block.get("value")
        blocks.append(_plain(value) if isinstance(value, str) else value)
    return blocks


def _photos_sent_with(stories, user):
    """{image id: (name in the zip, image, story id)} for photos the person sent with their stories.

    As `services.stories.story_photos_of` finds them (the photo a story shows or showed in a draft, in
    the story photo collections), but in three queries for all the stories rather than two per story.
    """
    image_ids = {}
    for story in stories:
        if story.hero_image_id:
            image_ids.setdefault(story.hero_image_id, story.pk)
    if stories:
        revisions = Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(story.pk) for story in stories],
        ).values_list("object_id", "content")
        for object_id, content in revisions:
            image_id = (content or {}).get("hero_image")
            if image_id:
                image_ids.setdefault(image_id, int(object_id))
    if not image_ids:
        return {}
    images = get_image_model().objects.filter(
        pk__in=image_ids,
        uploaded_by_user=user,
        collection__depth=2,
        collection__name__in=[PHOTOS_AWAITING_REVIEW, PUBLISHED_PHOTOS],
    )
    return {
        image.pk: (
            f"stories/photos/{image.pk}{os.path.splitext(image.file.name)[1].lower()}",
            image,
            image_ids[image.pk],
        )
        for image in images
    }


def personal_data(user):
    stories = stories_sent_by(user)
    if stories:
        partners = {
            story.pk: [p.name for p in story.partners.all()]
            for story in CaseStudyPage.objects.filter(pk__in=[s.pk for s in stories]).prefetch_related("partners")
        }
    else:
        partners = {}
    photos = _photos_sent_with(stories, user)
    photos_of_story = {}
    for name, _image, story_pk in photos.values():
        photos_of_story.setdefault(story_pk, []).append(name)

    parts = [
        {
            "name": "stories/stories.json",
            "about": _(
                "The stories you sent in through “Tell your story”: what you wrote, whether they are published, "
                "when you gave consent to publish, and the names of their photos in stories/photos/."
            ),
            "data": [
                {
                    "title": story.title,
                    "status": STATUS_LABELS.get(story.story_status, story.story_status),
                    "place": story.place,
                    "summary": story.summary,
                    "what_happened": _stream_text(story.what_they_did),
                    "what_changed": _plain(story.what_changed),
                    "who_was_involved": partners.get(story.pk, []),
                    "photo_description": story.hero_image_alt,
                    "consent_given": story.consent_given_at,
                    "first_published": story.first_published_at,
                    "photos_in_this_download": photos_of_story.get(story.pk, []),
                }
                for story in stories
            ],
        }
    ]
    about_photos = _("Photos you sent with your stories (their location and camera details were removed on upload).")
    parts += [{"name": name, "about": about_photos, "file": image.file} for name, image, _pk in photos.values()]
    return parts
