"""Links other parts of the plugin add to a group's dashboard (readiness, sharing, reviews).

Each entry is (installed app, URL name taking the group's slug, link text). An entry shows only
when its app is installed; the linked view makes its own permission check.
"""

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

GROUP_LINKS = [
    ("learning.readiness", "readiness:profile", _("Readiness, evidence and sharing with funders")),
]


def group_links(group):
    links = []
    for app_name, url_name, label in GROUP_LINKS:
        if not apps.is_installed(app_name):
            continue
        try:
            links.append((reverse(url_name, args=[group.slug]), label))
        except NoReverseMatch:
            continue
    return links
