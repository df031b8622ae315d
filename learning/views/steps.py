"""Actions a group takes on a step: status changes and reflections (plain HTML forms; a GET only asks first)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from .. import permissions
from ..forms import ReflectionForm, VerifyStepForm
from ..models import COMPLETE_STATUSES, CompletionRule, Reflection, StepProgress, StepStatus
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
    StepStatus.DONE: gettext_lazy("Step marked done."),
    StepStatus.AWAITING_CONFIRMATION: gettext_lazy("Step marked done. Your coordinator will be asked to confirm it."),
    StepStatus.AWAITING_VERIFICATION: gettext_lazy("Step marked done. Your facilitator will be asked to verify it."),
    StepStatus.VERIFIED: gettext_lazy("Step verified."),
    StepStatus.NOT_STARTED: gettext_lazy("Step marked as not done."),
    StepStatus.NOT_APPLICABLE: gettext_lazy("Step marked as not applicable to your group."),
}


def _confirm_verify_url(group, step):
    return f"{reverse('learning:step_status', args=[group.slug, step.pk])}?action=verify"


def _requested_status(request, group, step, action):
    """The status an action asks for. A facilitator's "done" on a step a facilitator verifies is a verification,
    so it meets the same check for missing evidence as their "Verify this step"."""
    status = ACTIONS[action]
    if (
        status == StepStatus.DONE
        and step.completion_rule == CompletionRule.FACILITATOR
        and permissions.can_verify_step(request.user, group, step)
    ):
        return StepStatus.VERIFIED
    return status


@sign_in_required
@require_http_methods(["GET", "POST"])
def step_status(request, slug, step_id):
    """POST changes the group's status for a step. GET with ?action=verify is the page that asks a facilitator
    before they verify a step whose requested evidence is missing (nothing changes without `confirm`)."""
    group = permissions.get_group_or_404(request.user, slug)
    step = live_step_or_404(step_id)
    if request.method == "GET":
        if request.GET.get("action") != "verify":
            return redirect(step_url(request, step, group))
        return _confirm_verify(request, group, step, VerifyStepForm())
    action = request.POST.get("action")
    if action not in ACTIONS:
        messages.error(request, _("That action is not available."))
        return redirect(step_url(request, step, group))
    if action == "confirm" and not permissions.can_confirm_step(request.user, group, step):
        raise PermissionDenied
    status = _requested_status(request, group, step, action)
    reason = ""
    if status == StepStatus.VERIFIED and request.POST.get("confirm") == "yes":
        form = VerifyStepForm(request.POST)
        if progress_services.missing_evidence(group=group, step=step):
            if not form.is_valid():
                return _confirm_verify(request, group, step, form)
            reason = form.cleaned_data["reason"]
    try:
        record = progress_services.record_step_status(
            group=group, step=step, status=status, by=request.user, reason=reason
        )
    except ValidationError as error:
        if error.code == "evidence_missing":
            # Not confirmed yet: nothing is saved, and the facilitator is asked first.
            return redirect(_confirm_verify_url(group, step))
        messages.error(request, error_text(error))
    else:
        if reason:
            messages.success(request, _("Step verified. Your reason is kept with the group's reflections on it."))
        else:
            messages.success(request, MESSAGES.get(record.status, _("Saved.")))
    return redirect(step_url(request, step, group))


def _confirm_verify(request, group, step, form):
    """The page before verifying: which evidence is missing, and a box for the reason to verify anyway."""
    if not permissions.can_verify_step(request.user, group, step):
        raise PermissionDenied
    progress = StepProgress.objects.filter(group=group, step=step).first()
    status = progress.status if progress else StepStatus.NOT_STARTED
    if status == StepStatus.VERIFIED:
        messages.info(request, _("This step is already verified."))
        return redirect(step_url(request, step, group))
    if step.completion_rule == CompletionRule.COORDINATOR and status not in COMPLETE_STATUSES:
        messages.info(request, progress_services.NEEDS_CONFIRMATION_FIRST)
        return redirect(step_url(request, step, group))
    return render(
        request,
        "learning/confirm_verify_step.html",
        {
            "group": group,
            "step": step,
            "form": form,
            "missing": progress_services.missing_evidence(group=group, step=step),
            "step_url": step_url(request, step, group),
        },
    )


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
