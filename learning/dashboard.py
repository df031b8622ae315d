"""A group's dashboard as its people see it, and the links other parts of the plugin add to the core's pages.

What the dashboard shows is kept in the cache under the group's records version
(`group_versions.kept_for_group`): the group's own records once for everyone who may see them, its
pathways, steps waiting and recent activity as HTML (`group_fragments`), and each person's task list and
milestones (the plugins add to both) under their place in the group and today's date, since what is due
or overdue moves on with the day.

Each dashboard entry is (installed app, URL name taking the group's slug, link text). An entry shows only
when its app is installed; the linked view makes its own permission check.

A meeting pack link comes from a provider registered with `register_pack_link` from an AppConfig.ready()
(meetings offers "Record this meeting's outcomes"), so this module never imports the app that adds it.
"""

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import milestones, next_steps, permissions, selectors
from .group_fragments import rendered_for_group
from .group_versions import kept_for_group
from .models import PathwayPage

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


def dashboard_records(group):
    """What the dashboard shows of the group's records, the same for everyone who may see the group, with
    the pathways it could still start (kept under the group's records version)."""

    def build():
        records = selectors.group_dashboard(group)
        enrolled = {item["pathway"].pk for item in records["pathways"]}
        records["available_pathways"] = [
            pathway for pathway in PathwayPage.objects.live().public().order_by("title") if pathway.pk not in enrolled
        ]
        return records

    return kept_for_group("dashboard", group, build=build)


def dashboard_fragments(group, records):
    """The dashboard's group parts as HTML, the same for everyone who may see the group: its pathways (from
    `records`), and the steps waiting and recent activity, read only when their HTML is not kept."""
    return {
        "pathways_html": rendered_for_group(
            "learning/includes/dashboard_pathways.html", group, values={"pathways": records["pathways"]}
        ),
        "waiting_html": rendered_for_group(
            "learning/includes/dashboard_waiting.html",
            group,
            values=lambda: {"waiting": selectors.steps_waiting(group)},
        ),
        "activity_html": rendered_for_group(
            "learning/includes/dashboard_activity.html",
            group,
            values=lambda: {"activity": selectors.recent_activity(group)},
        ),
    }


def dashboard_for_person(user, group):
    """The person's task list and the group's milestones they may see: kept for them, under their place in the
    group (a role change moves the group's version too) and today's date."""
    place = permissions.access(user, group)

    def build():
        found = milestones.milestones_for(user, group)
        return {
            "task_list": next_steps.group_task_list(user, group),
            "milestones": found[: milestones.DASHBOARD_LIMIT],
            "milestones_total": len(found),
        }

    return kept_for_group(
        "dashboard-person",
        group,
        user.pk,
        place.role,
        place.is_facilitator,
        group.closed_at is not None,
        timezone.localdate(),
        build=build,
    )
