"""Readiness's part of erasing a person: they stop reviewing for any funder; their reviews stay, a former member's."""

from learning.notices import forget_unread_count

from .models import FunderOrganisation


def erase_personal_data(*, user, **kwargs):
    FunderOrganisation.reviewers.through.objects.filter(user=user).delete()
    forget_unread_count(user.pk)
