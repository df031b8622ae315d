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

from django.utils.translation import gettext as _

from . import permissions
from .models import COMPLETE_STATUSES, Certificate, Enrolment, PathwayPage, StagePage, StepPage, StepProgress, StepStatus

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
    for provider in [completed_stages, certificates, *PROVIDERS]:
        found.extend(provider(user, group))
    return sorted(found, key=lambda milestone: milestone.when, reverse=True)


def completed_stages(user, group):
    """Stages of the group's pathways whose every live step is complete (or not applicable, with at least one
    done), dated by the last of their steps to be finished (four queries)."""
    if not permissions.can_view_group(user, group):
        return []
    steps = StepPage.objects.filter(pathway_id__in=Enrolment.objects.filter(group=group).values("pathway_id")).live()
    by_stage = defaultdict(list)
    for step_id, path in steps.values_list("pk", "path"):
        by_stage[path[: -StepPage.steplen]].append(step_id)
    if not by_stage:
        return []
    progress = {
        step_id: (status, changed_at)
        for step_id, status, changed_at in StepProgress.objects.filter(
            group=group, step_id__in=[step_id for ids in by_stage.values() for step_id in ids]
        ).values_list("step_id", "status", "changed_at")
    }
    finished = {}
    for stage_path, step_ids in by_stage.items():
        found = [progress.get(step_id) for step_id in step_ids]
        if any(item is None or item[0] not in (*COMPLETE_STATUSES, StepStatus.NOT_APPLICABLE) for item in found):
            continue
        if any(item[0] in COMPLETE_STATUSES for item in found):
            finished[stage_path] = max(item[1] for item in found)
    stages = list(StagePage.objects.filter(path__in=list(finished)).live().only("path", "title"))
    pathways = dict(
        PathwayPage.objects.filter(path__in={stage.path[: -StagePage.steplen] for stage in stages}).values_list(
            "path", "title"
        )
    )
    return [
        Milestone(
            when=finished[stage.path],
            kind=_("Stage completed"),
            title=stage.title,
            detail=pathways.get(stage.path[: -StagePage.steplen], ""),
        )
        for stage in stages
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
