"""Actions a group takes on a step: status changes and reflections (plain HTML forms, POST only)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions
from ..forms import ReflectionForm
from ..models import Reflection, StepStatus
from ..services import evidence as evidence_services
from ..services import progress as progress_services
from .common import error_text, live_step_or_404, sign_in_required, step_url

ACTIONS = {
    "done": StepStatus.DONE,
    "undo": StepStatus.NOT_STARTED,
    "confirm": StepStatus.DONE,
    "verify": StepStatus.VERIFIED,
    "not_applicable": StepStatus.NOT_APPLICABLE,
}
MESSAGES = {
    StepStatus.DONE: _("Step marked done."),
    StepStatus.AWAITING_CONFIRMATION: _("Step marked done. Your coordinator will be asked to confirm it."),
    StepStatus.AWAITING_VERIFICATION: _("Step marked done. Your facilitator will be asked to verify it."),
    StepStatus.VERIFIED: _("Step verified."),
    StepStatus.NOT_STARTED: _("Step marked as not done."),
    StepStatus.NOT_APPLICABLE: _("Step marked as not applicable to your group."),
}


@sign_in_required
@require_POST
def step_status(request, slug, step_id):
    group = permissions.get_group_or_404(request.user, slug)
    step = live_step_or_404(step_id)
    action = request.POST.get("action")
    if action not in ACTIONS:
        messages.error(request, _("That action is not available."))
        return redirect(step_url(request, step, group))
    if action == "confirm" and not permissions.can_confirm_step(request.user, group, step):
        raise PermissionDenied
    try:
        record = progress_services.record_step_status(group=group, step=step, status=ACTIONS[action], by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, MESSAGES.get(record.status, _("Saved.")))
    return redirect(step_url(request, step, group))


@sign_in_required
def reflection_add(request, slug, step_id):
    group = permissions.get_group_or_404(request.user, slug)
    step = live_step_or_404(step_id)
    if not permissions.can_work_on_steps(request.user, group):
        raise PermissionDenied
    form = ReflectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        evidence_services.add_reflection(group=group, step=step, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Reflection added."))
        return redirect(step_url(request, step, group) + "#reflections")
    return render(request, "learning/reflection_form.html", {"form": form, "group": group, "step": step})


def _reflection_or_404(request, slug, pk):
    group = permissions.get_group_or_404(request.user, slug)
    reflection = get_object_or_404(Reflection.objects.select_related("step", "group"), pk=pk, group=group)
    return group, reflection


@sign_in_required
def reflection_edit(request, slug, pk):
    group, reflection = _reflection_or_404(request, slug, pk)
    if not permissions.can_edit_reflection(request.user, reflection):
        raise PermissionDenied
    form = ReflectionForm(request.POST or None, instance=reflection)
    if request.method == "POST" and form.is_valid():
        evidence_services.edit_reflection(reflection=reflection, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Reflection saved."))
        return redirect(step_url(request, reflection.step, group) + "#reflections")
    return render(
        request,
        "learning/reflection_form.html",
        {"form": form, "group": group, "step": reflection.step, "editing": True},
    )


@sign_in_required
def reflection_delete(request, slug, pk):
    group, reflection = _reflection_or_404(request, slug, pk)
    if not permissions.can_edit_reflection(request.user, reflection):
        raise PermissionDenied
    if request.method == "POST":
        step = reflection.step
        evidence_services.delete_reflection(reflection=reflection, by=request.user)
        messages.success(request, _("Reflection deleted."))
        return redirect(step_url(request, step, group) + "#reflections")
    return render(request, "learning/confirm_delete_reflection.html", {"group": group, "reflection": reflection})


@sign_in_required
@require_POST
def reflection_hide(request, slug, pk):
    group, reflection = _reflection_or_404(request, slug, pk)
    hidden = request.POST.get("hidden") == "1"
    evidence_services.set_reflection_hidden(reflection=reflection, by=request.user, hidden=hidden)
    messages.success(request, _("Reflection hidden from members.") if hidden else _("Reflection shown again."))
    return redirect(step_url(request, reflection.step, group) + "#reflections")
