"""Readiness's part of erasing a person: they stop reviewing for any funder; their reviews stay, a former member's."""

from .models import FunderOrganisation


def erase_personal_data(*, user, **kwargs):
    FunderOrganisation.reviewers.through.objects.filter(user=user).delete()
