"""The resources app's part of erasing a person (called by the host's erasure, e.g. `accounts.services`).

Stories they sent that are not live (drafts, in review, sent back, taken down) are deleted with their
photos; a published story stays, as others rely on it, and reads as sent by a former member.
"""

from django.db import transaction

from .models import CaseStudyPage
from .services.stories import delete_story_photos, story_photos_of


@transaction.atomic
def erase_personal_data(*, user, email, **kwargs):
    for page in CaseStudyPage.objects.filter(submitted_by=user, live=False).specific():
        photo_ids = list(story_photos_of(page).values_list("pk", flat=True))
        page.delete()
        delete_story_photos(image_ids=photo_ids)
    # A published story may name how to reach its sender; that goes with them.
    CaseStudyPage.objects.filter(submitted_by=user, contact__icontains=email).update(contact="")
