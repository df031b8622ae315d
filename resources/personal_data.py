"""The resources app's part of a person's data download: the stories they sent in and their photos.

Listed in the host's `ACCOUNTS_PERSONAL_DATA_PROVIDERS`; returns plain dicts, never imports the host
or the learning app.
"""

import html
import os

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .models import CaseStudyPage
from .services.stories import stories_sent_by, story_photos_of

STATUS_LABELS = {
    "published": "Published",
    "in_review": "Waiting for review",
    "changes_needed": "Changes asked for",
    "not_published": "Not published",
    "draft": "Draft",
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


def personal_data(user):
    stories = stories_sent_by(user)
    if stories:
        partners = {
            story.pk: [p.name for p in story.partners.all()]
            for story in CaseStudyPage.objects.filter(pk__in=[s.pk for s in stories]).prefetch_related("partners")
        }
    else:
        partners = {}
    photos = {}
    for story in stories:
        for image in story_photos_of(story).filter(uploaded_by_user=user):
            extension = os.path.splitext(image.file.name)[1].lower()
            photos.setdefault(image.pk, (f"stories/photos/{image.pk}{extension}", image, story.pk))
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
