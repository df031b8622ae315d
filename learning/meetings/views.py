"""A group's meeting pages: the list, recording a meeting, its record, corrections, evidence and actions."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learning.models import Membership
from learning.permissions import get_group_or_404
from learning.selectors import pack_steps
from learning.views.common import error_text, sign_in_required

from . import permissions, selectors, services
from .forms import ActionFormSet, CorrectionForm, KeepAsEvidenceForm, MeetingForm
from .models import CorrectionStatus, Meeting, MeetingAction, MinutesCorrection

PAGE_SIZE = 25


def _group(request, slug, allowed=None):
    """The group if the person may see it (404 otherwise, so existence never leaks); then 403 unless `allowed`."""
    group = get_group_or_404(request.user, slug)
    if allowed is not None and not allowed(request.user, group):
        raise PermissionDenied
    return group


def _members(group):
    ids = Membership.objects.active().filter(group=group).values("user_id")
    return get_user_model().objects.filter(pk__in=ids).order_by("pk")


def _meeting(group, pk):
    """One of this group's meetings (another group's id finds nothing), with what its page shows."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("recorded_by", "stage", "evidence").prefetch_related(
            "attendees",
            "step_changes",
            Prefetch("actions", queryset=MeetingAction.objects.select_related("owner", "done_by")),
            Prefetch("corrections", queryset=MinutesCorrection.objects.select_related("proposed_by", "decided_by")),
        ),
        group=group,
        pk=pk,
    )
    meeting.group = group
    meeting.attendee_ids = {person.pk for person in meeting.attendees.all()}
    return meeting


@sign_in_required
def meeting_list(request, slug):
    group = _group(request, slug, permissions.can_view_meetings)
    meetings_page = Paginator(selectors.meetings_for(group), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "group": group,
            "meetings_page": meetings_page,
            "can_record": permissions.can_record_meeting(request.user, group),
        },
    )


@sign_in_required
def record_meeting(request, slug):
    group = _group(request, slug, permissions.can_record_meeting)
    stages = selectors.stages_for(group)
    data = request.POST if request.method == "POST" else None
    stage = selectors.chosen_stage(stages, (data or request.GET).get("stage"))
    steps = pack_steps(stage) if stage else []
    members = _members(group)
    form = MeetingForm(data, members=members, steps=steps, current=selectors.current_statuses(group, steps))
    actions = ActionFormSet(data, prefix="actions", form_kwargs={"members": members})
    if data is not None and form.is_valid() and actions.is_valid():
        try:
            meeting, created = services.record_meeting(
                group=group,
                by=request.user,
                token=form.cleaned_data["token"],
                held_on=form.cleaned_data["held_on"],
                place=form.cleaned_data["place"],
                online=form.cleaned_data["online"],
                stage=stage,
                attendees=list(form.cleaned_data["attendees"]),
                others_present=form.cleaned_data["others_present"],
                step_changes=form.step_changes(),
                decisions=form.cleaned_data["decisions"],
                actions=[row for row in (action_form.as_action() for action_form in actions) if row],
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            if created:
                messages.success(request, _("The meeting is recorded."))
            else:
                messages.info(request, _("This meeting was already recorded. Here it is."))
            return redirect(meeting.get_absolute_url())
    return render(
        request,
        "meetings/record_meeting.html",
        {
            "group": group,
            "form": form,
            "actions": actions,
            "stages": stages,
            "stage": stage,
            "errors": _error_list(form, actions) if data is not None else [],
        },
    )


def _error_list(form, actions):
    """Every problem on the page as (field id, label, message), for the summary at its top."""
    found = [(None, None, error) for error in form.non_field_errors()]
    for each in [form, *actions.forms]:
        for field in each.visible_fields():
            found.extend((field.id_for_label, field.label, error) for error in field.errors)
    found.extend((None, None, error) for error in actions.non_form_errors())
    return found


@sign_in_required
def meeting_detail(request, slug, pk):
    group = _group(request, slug, permissions.can_view_meetings)
    meeting = _meeting(group, pk)
    user = request.user
    corrections = list(meeting.corrections.all())
    can_mark = {action.pk: permissions.can_mark_action_done(user, action, group) for action in meeting.actions.all()}
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "group": group,
            "meeting": meeting,
            "actions": [(action, can_mark[action.pk]) for action in meeting.actions.all()],
            "earlier_versions": [c for c in reversed(corrections) if c.status == CorrectionStatus.ACCEPTED],
            "proposed": [c for c in corrections if c.status == CorrectionStatus.PROPOSED],
            "declined": [c for c in corrections if c.status == CorrectionStatus.DECLINED],
            "can_propose": permissions.can_propose_correction(user, meeting),
            "can_decide": permissions.can_decide_correction(user, meeting),
            "evidence_form": KeepAsEvidenceForm() if permissions.can_keep_as_evidence(user, meeting) else None,
            "kept_evidence": meeting.evidence if meeting.evidence and meeting.evidence.removed_at is None else None,
        },
    )


@sign_in_required
def propose_correction(request, slug, pk):
    group = _group(request, slug, permissions.can_view_meetings)
    meeting = _meeting(group, pk)
    if not permissions.can_propose_correction(request.user, meeting):
        raise PermissionDenied
    form = CorrectionForm(request.POST or None, initial={"text": meeting.decisions})
    if request.method == "POST" and form.is_valid():
        try:
            services.propose_correction(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("text", error_text(error))
        else:
            messages.success(request, _("Your correction is sent to the coordinator, who will accept or decline it."))
            return redirect(meeting.get_absolute_url())
    return render(request, "meetings/propose_correction.html", {"group": group, "meeting": meeting, "form": form})


@sign_in_required
@require_POST
def decide_correction(request, slug, pk, correction_pk):
    group = _group(request, slug, permissions.can_view_meetings)
    meeting = _meeting(group, pk)
    correction = get_object_or_404(MinutesCorrection, meeting=meeting, pk=correction_pk)
    if not permissions.can_decide_correction(request.user, meeting):
        raise PermissionDenied
    accept = request.POST.get("decision") == "accept"
    if services.decide_correction(correction=correction, by=request.user, accept=accept):
        messages.success(
            request,
            _("The correction is accepted. The earlier text is kept under “Earlier versions”.")
            if accept
            else _("The correction is declined. The minutes stay as they were."),
        )
    return redirect(meeting.get_absolute_url())


@sign_in_required
@require_POST
def keep_as_evidence(request, slug, pk):
    group = _group(request, slug, permissions.can_view_meetings)
    meeting = _meeting(group, pk)
    if not permissions.can_keep_as_evidence(request.user, meeting):
        raise PermissionDenied
    form = KeepAsEvidenceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what kind of minutes these are."))
        return redirect(meeting.get_absolute_url())
    evidence_type = form.cleaned_data["evidence_type"]
    evidence, created = services.keep_as_evidence(meeting=meeting, by=request.user, evidence_type=evidence_type)
    if created:
        messages.success(request, _("These minutes are now in your group's evidence library."))
    else:
        messages.info(request, _("These minutes are already in your group's evidence library."))
    return redirect(meeting.get_absolute_url())


@sign_in_required
@require_POST
def action_done(request, slug, pk, action_pk):
    group = _group(request, slug, permissions.can_view_meetings)
    action = get_object_or_404(MeetingAction, meeting__group=group, meeting_id=pk, pk=action_pk)
    if not permissions.can_mark_action_done(request.user, action, group):
        raise PermissionDenied
    if services.mark_action_done(action=action, by=request.user):
        messages.success(request, _("“%(action)s” is marked done.") % {"action": action.text})
    return redirect("meetings:detail", slug=group.slug, pk=pk)
