"""Template helpers for readiness pages: the group's readiness navigation, level and evidence names."""

from django import template

from .. import permissions
from ..models.framework import evidence_type_label, level_name

register = template.Library()

register.filter("level_name", level_name)
register.filter("evidence_label", evidence_type_label)


@register.inclusion_tag("readiness/includes/group_nav.html", takes_context=True)
def readiness_nav(context, group):
    """Links between a group's readiness pages (the sharing page only for its members)."""
    request = context["request"]
    return {
        "request": request,
        "group": group,
        "show_sharing": permissions.can_view_sharing(request.user, group),
    }


@register.simple_tag
def is_funder_reviewer(user):
    """Whether to offer the funder portfolio link (asked once per request, kept on the user object)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return permissions.is_funder_reviewer(user)
