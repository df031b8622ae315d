"""Readiness's columns on a facilitator's caseload (registered with `learning.caseload` at start-up): each
group's latest agreed level in every area, from its latest closed self-assessment round."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from learning.caseload import CaseloadPart

from . import permissions, selectors
from .models import ReadinessDomain
from .models.framework import level_name


def latest_levels_part(user, groups):
    """The latest agreed levels of the groups whose readiness the person may see (three queries)."""
    seen = [group for group in groups if permissions.can_view_readiness(user, group)]
    domains = list(ReadinessDomain.objects.order_by("sort_order", "name"))
    rounds, levels = selectors.latest_levels(seen)
    values = {}
    for group in seen:
        assessment_round = rounds.get(group.pk)
        if assessment_round is None:
            continue
        closed = date_format(timezone.localtime(assessment_round.closed_at), "j M Y")
        values[group.pk] = [closed] + [level_name(levels[group.pk].get(domain.pk)) for domain in domains]
    return CaseloadPart(
        heading=_("Latest readiness levels"),
        fields=[_("Self-assessment closed")] + [domain.name for domain in domains],
        values=values,
        empty=_("No self-assessment closed yet"),
    )
