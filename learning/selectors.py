"""Queries the learning pages share: a person's groups, a group's dashboard, a step's state.

Each selector uses a fixed number of queries however many steps, members or entries there are.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, Max, OuterRef, Subquery
from django.utils import timezone

from resources.content_version import kept_per_content_version

from . import permissions
from .conf import closed_group_retention_days, content_cache_seconds
from .group_versions import kept_for_group
from .models import (
    COMPLETE_STATUSES,
    ActivityEntry,
    AssignmentStatus,
    Certificate,
    CommunityGroup,
    Enrolment,
    Evidence,
    FacilitatorAssignment,
    Invitation,
    Membership,
    PathwayPage,
    PathwayProgress,
    Reflection,
    StagePage,
    StepPage,
    StepProgress,
    StepStatus,
    in_default_language,
)

RECENT_ACTIVITY = 10


def groups_for(user):
    """The open groups a person belongs to and those they facilitate, each annotated with `my_role`.

    Closed groups are left out of every list (see `closed_groups_for`). Read from the person's places,
    which the permission rules load once per request.
    """
    if not user.is_authenticated:
        return [], []
    return permissions.places(user).open_groups()


def closed_groups_for(user):
    """Closed groups the person still belongs to, each with `kept_until`: only so they can find its notice.

    Never offered for work; the group's page says when it closed and when its records go.
    """
    if not user.is_authenticated:
        return []
    groups = list(
        CommunityGroup.objects.filter(
            closed_at__isnull=False, memberships__user=user, memberships__left__isnull=True
        ).order_by("-closed_at")
    )
    for group in groups:
        group.kept_until = records_kept_until(group)
    return groups


def records_kept_until(group):
    """The day a closed group's records are purged (None while it is open)."""
    if group.closed_at is None:
        return None
    return group.closed_at + timedelta(days=closed_group_retention_days())


def workable_groups(user):
    """Groups in which the person may work on steps (members and facilitators), by name."""
    member_of, facilitated = groups_for(user)
    return sorted(member_of + facilitated, key=lambda group: group.name.lower())


def group_dashboard(group):
    """The group's records the dashboard shows (the same for everyone who may see it), in a constant number of
    queries."""
    progress = {row.pathway_id: row for row in PathwayProgress.objects.filter(group=group).select_related("pathway")}
    certificates = {cert.pathway_id: cert for cert in Certificate.objects.filter(group=group)}
    # The same facts the dashboard's task list reads (next_steps), so they are read once for both.
    facts = steps_facts([group])
    group._steps_facts = facts
    pathways = [
        {
            "pathway": row.pathway,
            "progress": progress.get(row.pathway.pk),
            "next_step": row.next_step,
            "certificate": certificates.get(row.pathway.pk),
        }
        for row in facts.pathways.get(group.pk, [])
    ]
    members = list(Membership.objects.active().filter(group=group).select_related("user").order_by("-role", "joined"))
    assignments = list(
        FacilitatorAssignment.objects.filter(group=group)
        .exclude(status=AssignmentStatus.ENDED)
        .select_related("facilitator")
    )
    return {
        "pathways": pathways,
        "members": members,
        "facilitators": [a for a in assignments if a.status == AssignmentStatus.ACTIVE],
        "proposed_facilitators": [a for a in assignments if a.status == AssignmentStatus.PROPOSED],
        "evidence_count": Evidence.objects.current().filter(group=group).count(),
    }


def steps_waiting(group):
    """The group's steps waiting for a coordinator's confirmation or a facilitator's verification, oldest first."""
    return list(
        StepProgress.objects.filter(
            group=group,
            status__in=[StepStatus.AWAITING_CONFIRMATION, StepStatus.AWAITING_VERIFICATION],
            step__live=True,
        )
        .select_related("step", "changed_by")
        .order_by("changed_at")
    )


def recent_activity(group):
    """The group's newest activity entries, with who did what on which step or pathway."""
    return list(ActivityEntry.objects.filter(group=group).select_related("actor", "step", "pathway")[:RECENT_ACTIVITY])


def open_invitations(group):
    """Links not used, cancelled or expired yet, with who made each (the members page lists them)."""
    return Invitation.objects.filter(
        group=group, used_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("created_by", "group")


def _selected_group(request, groups):
    wanted = request.GET.get("group")
    for group in groups:
        if group.slug == wanted:
            return group
    return groups[0] if groups else None


def pathway_page_context(request, pathway):
    context = {"outline": pathway.outline()}
    user = request.user
    if not user.is_authenticated:
        return context
    groups = workable_groups(user)
    group = _selected_group(request, groups)
    context.update({"groups": groups, "group": group})
    if group is None:
        return context
    context.update(kept_for_group("pathway", group, pathway.pk, build=lambda: pathway_records(group, pathway)))
    context["can_enrol"] = permissions.can_enrol(user, group)
    return context


def pathway_records(group, pathway):
    """The group's enrolment, stored progress and step statuses on a pathway (as the page shown numbers them)."""
    # The group's record belongs to the pathway in the default language (in_default_language).
    original = in_default_language(pathway)
    if original is pathway:
        statuses = StepProgress.objects.filter(group=group, pathway=pathway).values_list("step_id", "status")
    else:
        by_key = dict(
            StepProgress.objects.filter(group=group, pathway=original).values_list("step__translation_key", "status")
        )
        shown = StepPage.objects.filter(pathway=pathway).values_list("pk", "translation_key")
        statuses = [(pk, by_key[key]) for pk, key in shown if key in by_key]
    return {
        "enrolled": Enrolment.objects.filter(group=group, pathway=original).exists(),
        "progress": PathwayProgress.objects.filter(group=group, pathway=original).first(),
        "statuses": dict(statuses),
    }


def step_outline(step):
    """A step's place in its pathway, the same for everyone until an editor publishes: previous and
    next step, pathway, stage and related links."""
    previous_step, next_step = step.previous_and_next()
    return {
        "previous_step": previous_step,
        "next_step": next_step,
        "pathway": step.pathway,
        "stage": step.stage,
        "related_links": list(step.related_links.select_related("page")),
    }


# Kept under the content version, so never stale; a preview shows the draft's own links, never kept.
kept_step_outline = kept_per_content_version(
    "learning-step-outline", seconds=content_cache_seconds, key=lambda step: step.pk
)(step_outline)


def step_page_context(request, step):
    context = dict(step_outline(step) if getattr(request, "is_preview", False) else kept_step_outline(step))
    user = request.user
    if not user.is_authenticated:
        return context
    groups = workable_groups(user)
    group = _selected_group(request, groups)
    context.update({"groups": groups, "group": group})
    if group is None:
        return context
    # The group's record belongs to the step in the default language; the page shown may be a translation.
    step = in_default_language(step)
    records = kept_for_group("step", group, step.pk, build=lambda: step_records(group, step))
    progress = records["progress"]
    status = progress.status if progress else StepStatus.NOT_STARTED
    reflections = [
        reflection for reflection in records["reflections"] if permissions.can_view_reflection(user, reflection)
    ]
    for reflection in reflections:
        reflection.can_edit = permissions.can_edit_reflection(user, reflection)
        reflection.can_hide = permissions.can_hide_reflection(user, reflection)
    context.update(
        {
            "enrolled": records["enrolled"],
            "progress": progress,
            "status": status,
            "status_label": StepStatus(status).label,
            "is_complete": status in COMPLETE_STATUSES,
            "can_work": permissions.can_work_on_steps(user, group),
            "can_confirm": status == StepStatus.AWAITING_CONFIRMATION and permissions.can_confirm_step(user, group),
            "can_verify": status not in (StepStatus.VERIFIED, StepStatus.NOT_APPLICABLE)
            and permissions.can_verify_step(user, group),
            "can_mark_not_applicable": status != StepStatus.NOT_APPLICABLE
            and permissions.can_mark_not_applicable(user, group),
            "completes_directly": permissions.can_complete_directly(user, group, step),
            "can_enrol": permissions.can_enrol(user, group),
            "reflections": reflections,
            "evidence": records["evidence"],
            "reusable_evidence": records["reusable_evidence"] if permissions.can_add_evidence(user, group) else [],
        }
    )
    return context


def step_records(group, step):
    """The group's records on a step, the same for everyone who may see the group (each person's view of them
    is decided afterwards): enrolment, progress, every reflection and the evidence."""
    return {
        "enrolled": Enrolment.objects.filter(group=group, pathway_id=step.pathway_id).exists(),
        "progress": StepProgress.objects.filter(group=group, step=step).select_related("changed_by").first(),
        "reflections": list(Reflection.objects.filter(group=group, step=step).select_related("author")),
        **step_evidence(group, step),
    }


def step_evidence(group, step):
    """The group's evidence kept for the step, and the evidence of the type it asks for that could be used too.

    Two queries however much the group keeps: what is kept for the step, then (when the step names a
    type) the group's other current evidence of that type; only those who may attach evidence are shown it.
    """
    kept = list(Evidence.objects.current().filter(group=group).for_step(step).select_related("added_by"))
    reusable = []
    if step.evidence_type:
        reusable = list(
            Evidence.objects.current()
            .filter(group=group, evidence_type=step.evidence_type)
            .exclude(pk__in=[item.pk for item in kept])
            .select_related("added_by")
        )
    return {"evidence": kept, "reusable_evidence": reusable}


def members_context(group):
    return {
        "members": list(
            Membership.objects.active().filter(group=group).select_related("user").order_by("-role", "joined")
        ),
        "former_members": list(
            Membership.objects.filter(group=group, left__isnull=False).select_related("user").order_by("-left")
        ),
        "invitations": list(open_invitations(group)),
    }


# --- A person's home: the groups they work in and what is waiting in them ---------------------------

EVIDENCE_WARNING_DAYS = 30


def home_groups(user):
    """The open groups a person works in, by name: those they belong to, then those they facilitate.

    Each group carries `my_role` ("coordinator", "member" or "facilitator"), and those they belong to
    `member_count` (how many active members it has). Two queries however many
    groups; the roles found are remembered as `permissions.access` would find them, so every rule
    asked about these groups afterwards (by the home page's task lists) costs no query.
    """
    if not permissions.signed_in(user):
        return [], []
    member_count = (
        Membership.objects.active()
        .filter(group_id=OuterRef("group_id"))
        .order_by()
        .values("group_id")
        .annotate(number=Count("pk"))
        .values("number")
    )
    memberships = (
        Membership.objects.active()
        .filter(user=user, group__closed_at__isnull=True)
        .select_related("group")
        .annotate(member_count=Subquery(member_count))
        .order_by("group__name", "group__pk")
    )
    assignments = (
        FacilitatorAssignment.objects.filter(
            facilitator=user, status=AssignmentStatus.ACTIVE, group__closed_at__isnull=True
        )
        .select_related("group")
        .order_by("group__name", "group__pk")
    )
    facilitating = {assignment.group_id: assignment.group for assignment in assignments}
    member_of = []
    for membership in memberships:
        group = membership.group
        group.my_role = membership.role
        group.member_count = membership.member_count
        permissions.remember_access(user, group, role=membership.role, is_facilitator=group.pk in facilitating)
        member_of.append(group)
    member_ids = {group.pk for group in member_of}
    facilitated = []
    for group in facilitating.values():
        if group.pk in member_ids:
            continue
        group.my_role = "facilitator"
        permissions.remember_access(user, group, role=None, is_facilitator=True)
        facilitated.append(group)
    return member_of, facilitated


@dataclass
class PathwayFacts:
    """One group's enrolment in one pathway: its next step to do and that step's status."""

    group_id: int
    pathway: object
    next_step: object = None
    next_status: str = StepStatus.NOT_STARTED


@dataclass
class StepsFacts:
    """What the task lists need of the groups' pathways: enrolments and steps waiting for someone."""

    pathways: dict = field(default_factory=lambda: defaultdict(list))  # group id -> [PathwayFacts]
    waiting: dict = field(default_factory=lambda: defaultdict(list))  # group id -> [(step, status)]


def steps_facts(groups):
    """Each group's pathways with the next step to do, and the steps waiting for confirmation or
    verification, for all the groups at once (three queries however many groups, pathways or steps)."""
    if len(groups) == 1 and hasattr(groups[0], "_steps_facts"):
        return groups[0]._steps_facts  # read for this group's dashboard in this request
    facts = StepsFacts()
    group_ids = [group.pk for group in groups]
    if not group_ids:
        return facts
    enrolments = list(
        Enrolment.objects.filter(group_id__in=group_ids).select_related("pathway").order_by("enrolled_at", "pk")
    )
    pathway_ids = {enrolment.pathway_id for enrolment in enrolments}
    statuses = {
        (group_id, step_id): status
        for group_id, step_id, status in StepProgress.objects.filter(
            group_id__in=group_ids, pathway_id__in=pathway_ids
        ).values_list("group_id", "step_id", "status")
    }
    steps_by_pathway = defaultdict(list)
    steps = {}
    for step in (
        StepPage.objects.filter(pathway_id__in=pathway_ids)
        .live()
        .order_by("path")
        .only("id", "title", "url_path", "path", "depth", "pathway_id")
    ):
        steps_by_pathway[step.pathway_id].append(step)
        steps[step.pk] = step
    for enrolment in enrolments:
        row = PathwayFacts(group_id=enrolment.group_id, pathway=enrolment.pathway)
        for step in steps_by_pathway[enrolment.pathway_id]:
            status = statuses.get((enrolment.group_id, step.pk), StepStatus.NOT_STARTED)
            if status in (StepStatus.NOT_STARTED, StepStatus.IN_PROGRESS):
                row.next_step, row.next_status = step, status
                break
        facts.pathways[enrolment.group_id].append(row)
    waiting_statuses = (StepStatus.AWAITING_CONFIRMATION, StepStatus.AWAITING_VERIFICATION)
    for (group_id, step_id), status in statuses.items():
        if status in waiting_statuses and step_id in steps:
            facts.waiting[group_id].append((steps[step_id], status))
    for waiting in facts.waiting.values():
        waiting.sort(key=lambda pair: pair[0].path)
    return facts


def invitation_facts(groups):
    """For each group, its links not used yet and how many members it has.

    One query, and one more for the groups whose `member_count` was not loaded with them (however many).
    """
    group_ids = [group.pk for group in groups]
    invitations = defaultdict(list)
    members = {group.pk: group.member_count for group in groups if getattr(group, "member_count", None) is not None}
    if not group_ids:
        return invitations, members
    for invitation in Invitation.objects.filter(
        group_id__in=group_ids, used_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("created_at", "pk"):
        invitations[invitation.group_id].append(invitation)
    uncounted = [group_id for group_id in group_ids if group_id not in members]
    if uncounted:
        members.update(
            Membership.objects.active()
            .filter(group_id__in=uncounted)
            .values("group_id")
            .annotate(number=Count("pk"))
            .values_list("group_id", "number")
        )
    return invitations, members


def evidence_to_renew(groups, *, today=None, days=EVIDENCE_WARNING_DAYS):
    """Each group's current evidence out of date or running out within `days`, unless something newer
    of the same type has been added since (one query however many groups)."""
    group_ids = [group.pk for group in groups]
    found = defaultdict(list)
    if not group_ids:
        return found
    today = today or timezone.localdate()
    newer = Evidence.objects.current().filter(
        group_id=OuterRef("group_id"), evidence_type=OuterRef("evidence_type"), added_at__gt=OuterRef("added_at")
    )
    for evidence in (
        Evidence.objects.current()
        .filter(group_id__in=group_ids, valid_until__lte=today + timedelta(days=days))
        .exclude(Exists(newer))
        .only("id", "group_id", "title", "evidence_type", "valid_until", "added_at")
        .order_by("valid_until", "pk")
    ):
        found[evidence.group_id].append(evidence)
    return found


def pack_steps(stage):
    """The steps a stage's meeting pack prints, in order: the ones a meeting works through and records."""
    return list(StepPage.objects.child_of(stage).live().public().order_by("path"))


def meeting_pack_context(request, stage):
    """A stage's printable meeting pack: its live steps (bodies included), and the group and date to print.

    The group is one the person may work in: the one named by `?group=`, or, when no choice is made,
    the only one of theirs enrolled on the pathway. Otherwise (a visitor, several groups, `?group=`
    left empty) the pack has blanks to write in. `?date=` (YYYY-MM-DD) fills in the meeting's date.
    """
    pathway = PathwayPage.objects.ancestor_of(stage).first()
    context = {
        "stage": stage,
        "pathway": pathway,
        "steps": pack_steps(stage),
        "groups": [],
        "group": None,
        "meeting_date": _meeting_date(request.GET.get("date", "")),
    }
    user = request.user
    if not user.is_authenticated:
        return context
    groups = workable_groups(user)
    context["groups"] = groups
    if "group" in request.GET:
        wanted = [group for group in groups if group.slug == request.GET["group"]]
    else:
        enrolled = set(Enrolment.objects.filter(group__in=groups, pathway=pathway).values_list("group_id", flat=True))
        wanted = [group for group in groups if group.pk in enrolled]
    if len(wanted) == 1 and permissions.can_work_on_steps(user, wanted[0]):
        context["group"] = wanted[0]
    return context


def _meeting_date(text):
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


# --- A facilitator's caseload ---------------------------------------------------------------------

CERTIFICATE_WARNING_DAYS = 60


def caseload_groups(user):
    """The open groups the person facilitates now, by name (their roles remembered for the permission rules).

    Those they also belong to are included: what matters is the live assignment.
    """
    member_of, facilitated = home_groups(user)
    groups = [group for group in member_of + facilitated if permissions.access(user, group).is_facilitator]
    return sorted(groups, key=lambda group: (group.name.lower(), group.pk))


@dataclass
class StageFacts:
    """One stage of a pathway for one group: its live steps counted (not applicable ones left out)."""

    stage: object
    done: int = 0
    total: int = 0


@dataclass
class PathwayStages:
    pathway: object
    progress: object = None  # the stored PathwayProgress (done, total, percent), None before any
    stages: list = field(default_factory=list)


def stage_progress(groups):
    """Each group's enrolled pathways with their progress stage by stage: five queries however many groups."""
    group_ids = [group.pk for group in groups]
    found = defaultdict(list)
    if not group_ids:
        return found
    enrolments = list(
        Enrolment.objects.filter(group_id__in=group_ids).select_related("pathway").order_by("enrolled_at", "pk")
    )
    pathway_ids = {enrolment.pathway_id for enrolment in enrolments}
    summaries = {
        (row.group_id, row.pathway_id): row
        for row in PathwayProgress.objects.filter(group_id__in=group_ids, pathway_id__in=pathway_ids)
    }
    steps = list(
        StepPage.objects.filter(pathway_id__in=pathway_ids)
        .live()
        .order_by("path")
        .only("id", "path", "depth", "pathway_id")
    )
    stage_paths = {step.path[: -StepPage.steplen] for step in steps}
    stages = {
        stage.path: stage
        for stage in StagePage.objects.filter(path__in=stage_paths).live().only("id", "title", "path", "depth")
    }
    statuses = {
        (group_id, step_id): status
        for group_id, step_id, status in StepProgress.objects.filter(
            group_id__in=group_ids, pathway_id__in=pathway_ids
        ).values_list("group_id", "step_id", "status")
    }
    steps_by_pathway = defaultdict(list)
    for step in steps:
        if step.path[: -StepPage.steplen] in stages:
            steps_by_pathway[step.pathway_id].append(step)
    for enrolment in enrolments:
        row = PathwayStages(
            pathway=enrolment.pathway, progress=summaries.get((enrolment.group_id, enrolment.pathway_id))
        )
        by_stage = {}
        for step in steps_by_pathway[enrolment.pathway_id]:
            stage_path = step.path[: -StepPage.steplen]
            if stage_path not in by_stage:
                by_stage[stage_path] = StageFacts(stage=stages[stage_path])
                row.stages.append(by_stage[stage_path])
            status = statuses.get((enrolment.group_id, step.pk), StepStatus.NOT_STARTED)
            if status == StepStatus.NOT_APPLICABLE:
                continue
            by_stage[stage_path].total += 1
            by_stage[stage_path].done += status in COMPLETE_STATUSES
        found[enrolment.group_id].append(row)
    return found


def last_activity(groups):
    """When each group last did anything (its newest activity entry), in one query."""
    group_ids = [group.pk for group in groups]
    if not group_ids:
        return {}
    return dict(
        ActivityEntry.objects.filter(group_id__in=group_ids)
        .order_by()
        .values("group_id")
        .annotate(latest=Max("created_at"))
        .values_list("group_id", "latest")
    )


def steps_to_verify(groups):
    """Each group's live steps waiting for a facilitator to verify them, oldest first, with who asked (one query)."""
    found = defaultdict(list)
    group_ids = [group.pk for group in groups]
    if not group_ids:
        return found
    for progress in (
        StepProgress.objects.filter(group_id__in=group_ids, status=StepStatus.AWAITING_VERIFICATION, step__live=True)
        .select_related("changed_by", "step", "pathway")
        .defer("step__body", "step__easy_read")
        .order_by("changed_at", "pk")
    ):
        found[progress.group_id].append(progress)
    return found


def certificates_lapsing(groups, *, today=None, days=CERTIFICATE_WARNING_DAYS):
    """Each group's certificates that lapse within `days` from `today` or have lapsed already (one query)."""
    found = defaultdict(list)
    group_ids = [group.pk for group in groups]
    if not group_ids:
        return found
    today = today or timezone.localdate()
    for certificate in Certificate.objects.filter(
        group_id__in=group_ids, valid_until__isnull=False, valid_until__lte=today + timedelta(days=days)
    ).order_by("valid_until", "pk"):
        found[certificate.group_id].append(certificate)
    return found
