"""Read queries the meeting pages share: the stages a group can record, and its meetings with their counts."""

from django.db.models import Count, Q

from learning.models import Enrolment, PathwayPage, StagePage, StepProgress, in_default_language


def stages_for(group):
    """The live stages of the pathways the group has started, in pathway and page order."""
    pathways = PathwayPage.objects.filter(pk__in=Enrolment.objects.filter(group=group).values("pathway_id")).only(
        "path"
    )
    paths = [pathway.path for pathway in pathways]
    if not paths:
        return []
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    return list(StagePage.objects.live().filter(under).order_by("path"))


def chosen_stage(stages, value):
    """The stage named by `value` (a page id, perhaps of a translation) if it is one of `stages`, else None."""
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    by_pk = {stage.pk: stage for stage in stages}
    if pk in by_pk:
        return by_pk[pk]
    page = StagePage.objects.filter(pk=pk).first()
    return by_pk.get(in_default_language(page).pk) if page is not None else None


def current_statuses(group, steps):
    return dict(StepProgress.objects.filter(group=group, step__in=steps).values_list("step_id", "status"))


def meetings_for(group):
    return (
        group.meetings.select_related("recorded_by")
        .annotate(
            attendee_count=Count("attendees", distinct=True),
            open_actions=Count("actions", filter=Q(actions__done_at__isnull=True), distinct=True),
            step_count=Count("step_changes", distinct=True),
        )
        .order_by("-held_on", "-id")
    )
