"""Helpers the readiness views share: finding the group, and chart data for a profile."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ...permissions import get_group_or_404
from ..charts import level_chart
from ..models import level_name


def group_for(request, slug, allowed=None):
    """The group if the person may see it (404 otherwise, so existence never leaks); then 403 unless `allowed`."""
    group = get_group_or_404(request.user, slug)
    if allowed is not None and not allowed(request.user, group):
        raise PermissionDenied
    return group


def profile_chart(profile):
    """The agreed level per domain as a bar chart (the table beside it carries the same numbers)."""
    rows = [(row.domain.name, [row.level]) for row in profile.domains]
    agreed = sum(1 for row in profile.domains if row.level)
    return level_chart(
        rows=rows,
        summary=_("Agreed level in each of %(total)s areas, from 1 (starting out) to 4 (sharing); %(agreed)s agreed.")
        % {"total": len(rows), "agreed": agreed},
        empty_text=_("not agreed"),
        value_text=level_name,
    )
