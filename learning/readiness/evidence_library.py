"""Readiness's part of the group's evidence library: the areas each piece is linked to, and the way to change them.

Registered with `learning.evidence_library.register_part` in ReadinessConfig.ready(); one query for the
whole page (two in a language the areas are translated into).
"""

from django.utils.translation import gettext as _

from ..evidence_library import LibraryPart
from . import permissions
from .models import EvidenceDomainLink
from .selectors import localize_domains


def area_links(user, group, items):
    if not permissions.can_view_readiness(user, group):
        return None
    cells = {item.pk: [] for item in items}
    if cells:
        links = (
            EvidenceDomainLink.objects.filter(evidence_id__in=list(cells))
            .select_related("domain")
            .order_by("domain__sort_order", "domain__name")
        )
        for link in links:
            cells[link.evidence_id].append(link)
        localize_domains([link.domain for item_links in cells.values() for link in item_links])
    can_link = permissions.can_link_evidence(user, group)
    return LibraryPart(
        heading=_("Readiness areas"),
        cell_template="readiness/includes/library_areas.html",
        cells={pk: {"links": links, "can_link": can_link} for pk, links in cells.items()},
        template="readiness/includes/library_intro.html",
        context={"unlinked": sum(1 for links in cells.values() if not links)},
    )
