"""Links other parts of the plugin add to the core's pages: a group's dashboard and a stage's meeting pack.

Each dashboard entry is (installed app, URL name taking the group's slug, link text). An entry shows only
when its app is installed; the linked view makes its own permission check.

A meeting pack link comes from a provider registered with `register_pack_link` from an AppConfig.ready()
(meetings offers "Record this meeting's outcomes"), so this module never imports the app that adds it.
"""

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

GROUP_LINKS = [
    ("learning.readiness", "readiness:profile", _("Readiness, evidence and sharing with funders")),
    ("learning.meetings", "meetings:list", _("Meetings, minutes and actions")),
    ("learning.partners", "partners:group", _("Public bodies: your asks and their commitments")),
]

_PACK_LINK_PROVIDERS = []


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


def register_pack_link(provider):
    """Add a provider `provider(user, group, stage)` returning (url, text) or None (twice keeps one)."""
    if provider not in _PACK_LINK_PROVIDERS:
        _PACK_LINK_PROVIDERS.append(provider)


def pack_links(user, group, stage):
    """The links a stage's meeting pack offers this person for the group printed on it (none without one)."""
    if group is None:
        return []
    return [found for provider in _PACK_LINK_PROVIDERS if (found := provider(user, group, stage)) is not None]
