"""The group's evidence library: add, list, attach to a step, download (permission-checked) and remove."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import evidence_library, permissions
from ..files import private_file_response
from ..forms import EvidenceForm
from ..models import Evidence, StepEvidence, StepPage
from ..services import evidence as evidence_services
from .common import live_step_or_404, sign_in_required, step_url


@sign_in_required
def evidence_list(request, slug):
    group = permissions.get_group_or_404(request.user, slug)
    items = list(
        Evidence.objects.current()
        .filter(group=group)
        .select_related("added_by", "step")
        .prefetch_related(Prefetch("step_attachments", queryset=StepEvidence.objects.select_related("step")))
    )
    for item in items:
        item.can_remove = permissions.can_remove_evidence(request.user, item)
        item.steps = [*([item.step] if item.step else []), *(each.step for each in item.step_attachments.all())]
    parts = evidence_library.parts_for(request.user, group, items)
    return render(
        request,
        "learning/evidence_list.html",
        {
            "group": group,
            "items": items,
            "parts": parts,
            "columns": [part.heading for part in parts if part.cell_template],
            "can_add": permissions.can_add_evidence(request.user, group),
        },
    )


@sign_in_required
def evidence_add(request, slug):
    group = permissions.get_group_or_404(request.user, slug)
    if not permissions.can_add_evidence(request.user, group):
        raise PermissionDenied
    step = None
    step_id = request.GET.get("step") or request.POST.get("step")
    if step_id:
        if not str(step_id).isdigit():
            raise Http404
        step = get_object_or_404(StepPage.objects.live().public(), pk=step_id)
    initial = {"evidence_type": step.evidence_type} if step and step.evidence_type else None
    form = EvidenceForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        evidence_services.add_evidence(
            group=group,
            by=request.user,
            step=step,
            content_type=getattr(form, "detected_content_type", ""),
            **form.cleaned_data,
        )
        messages.success(request, _("Evidence added to your group's library."))
        if step is not None:
            return redirect(step_url(request, step, group) + "#evidence")
        return redirect("learning:evidence_list", slug=group.slug)
    return render(request, "learning/evidence_form.html", {"form": form, "group": group, "step": step})


@sign_in_required
@require_POST
def evidence_attach(request, slug, step_id, pk):
    """ "Attach to this step": the group's evidence counts for another step too (one press, no page between)."""
    group = permissions.get_group_or_404(request.user, slug)
    step = live_step_or_404(step_id)
    evidence = get_object_or_404(Evidence.objects.current().select_related("group"), pk=pk, group=group)
    if not permissions.can_attach_evidence(request.user, evidence):
        raise PermissionDenied
    evidence_services.attach_evidence(evidence=evidence, step=step, by=request.user)
    messages.success(request, _("“%(title)s” is now kept for this step.") % {"title": evidence.title})
    return redirect(step_url(request, step, group) + "#evidence")


@sign_in_required
def evidence_file(request, slug, pk):
    group = permissions.get_group_or_404(request.user, slug)
    evidence = get_object_or_404(Evidence, pk=pk, group=group)
    if not permissions.can_view_evidence_file(request.user, evidence) or not evidence.file:
        raise Http404
    return private_file_response(evidence.file, filename=evidence.original_filename, content_type=evidence.content_type)


@sign_in_required
def evidence_remove(request, slug, pk):
    group = permissions.get_group_or_404(request.user, slug)
    evidence = get_object_or_404(Evidence.objects.current(), pk=pk, group=group)
    if not permissions.can_remove_evidence(request.user, evidence):
        raise PermissionDenied
    if request.method == "POST":
        evidence_services.remove_evidence(evidence=evidence, by=request.user)
        messages.success(request, _("Evidence removed from your group's library."))
        return redirect("learning:evidence_list", slug=group.slug)
    return render(request, "learning/confirm_remove_evidence.html", {"group": group, "evidence": evidence})
