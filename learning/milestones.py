"""A group's milestones, newest first: the timeline on its dashboard and the page listing them all.

The core gives the stages the group has completed and its certificates. Other parts of the plugin add
theirs with `register_provider` from their AppConfig.ready() (readiness adds rounds closed and reviews
received), so this module never imports them. A provider is a callable taking the person and the group and
returning `Milestone`s the permission rules let that person see, in a few queries however long the group's
history.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from wagtail.models import Page

from . import permissions
from .models import COMPLETE_STATUSES, Certificate, Enrolment, StagePage, StepPage, StepProgress, StepStatus

DASHBOARD_LIMIT = 5


@dataclass(frozen=True)
class Milestone:
    """Something the group reached: when, what kind (in words), its name, a link to it and a detail."""

    when: datetime
    kind: str
    title: str
    url: str = ""
    detail: str = ""


PROVIDERS = []


def register_provider(provider):
    """Add a provider of milestones (called once from an AppConfig.ready(); adding it twice keeps one)."""
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


def milestones_for(user, group):
    """Every milestone of the group the person may see, newest first."""
    found = []
    # A certificate is dated the moment its last stage was finished: listed first, it reads above that stage.
    for provider in [certificates, completed_stages, *PROVIDERS]:
        found.extend(provider(user, group))
    return sorted(found, key=lambda milestone: milestone.when, reverse=True)


def completed_stages(user, group):
    """Stages of the group's pathways whose every live step is complete (or not applicable, with at least one
    done), dated by the last of their steps to be finished (two queries)."""
    if not permissions.can_view_group(user, group):
        return []
    progress = StepProgress.objects.filter(group=group, step_id=OuterRef("pk"))
    steps = (
        StepPage.objects.filter(pathway_id__in=Enrolment.objects.filter(group=group).values("pathway_id"))
        .live()
        .annotate(
            status=Subquery(progress.values("status")[:1]),
            changed_at=Subquery(progress.values("changed_at")[:1]),
        )
        .values_list("path", "status", "changed_at")
    )
    by_stage = defaultdict(list)
    for path, status, changed_at in steps:
        by_stage[path[: -StepPage.steplen]].append((status, changed_at))
    finished = {}
    for stage_path, found in by_stage.items():
        if any(status not in (*COMPLETE_STATUSES, StepStatus.NOT_APPLICABLE) for status, _when in found):
            continue
        if any(status in COMPLETE_STATUSES for status, _when in found):
            finished[stage_path] = max(when for _status, when in found)
    # Stages and their pathways by title in one query, whether finished or not, so the count stays the same.
    wanted = set(by_stage) | {path[: -StagePage.steplen] for path in by_stage}
    titles = dict(Page.objects.filter(path__in=wanted).live().values_list("path", "title"))
    return [
        Milestone(
            when=when,
            kind=_("Stage completed"),
            title=titles[path],
            detail=titles.get(path[: -StagePage.steplen], ""),
        )
        for path, when in finished.items()
        if path in titles
    ]


def certificates(user, group):
    """The certificate of each pathway the group has completed (one query)."""
    if not permissions.can_view_group(user, group):
        return []
    return [
        Milestone(
            when=certificate.completed_at,
            kind=_("Certificate"),
            title=certificate.pathway_title,
            url=certificate.get_absolute_url(),
        )
        for certificate in Certificate.objects.filter(group=group).only("code", "pathway_title", "completed_at")
    ]
