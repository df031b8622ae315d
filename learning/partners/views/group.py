"""A group's partners pages: its asks of public bodies, each ask's stages and commitments.

The same pages serve the group's own people and the partner officers it invited: an officer reaches only asks
of their body, within what the group shares, and every page they open is written in the group's access log.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ...views.common import error_text, sign_in_required
from .. import permissions, selectors
from ..forms import AskForm, CommitmentForm, FourCosForm, LetterForm, MarkForm, NoteForm, PublishForm, StageForm
from ..models import Commitment, PartnerAccessKind
from ..services import asks as ask_services
from ..services.officers import log_view


def _log_if_officer(request, group, kind, detail=""):
    """An officer's view goes in the group's access log; the group's own people are not logged."""
    if permissions.is_officer_view(request.user, group):
        log_view(
            grant=permissions.officer_grant_for(request.user, group), viewer=request.user, kind=kind, detail=detail
        )
        return True
    return False


@sign_in_required
def group_partners(request, slug):
    group = permissions.partner_group_or_404(request.user, slug)
    as_officer = _log_if_officer(request, group, PartnerAccessKind.GROUP)
    if as_officer:
        grant = permissions.officer_grant_for(request.user, group)
        asks = selectors.asks_for_group(group, body=grant.body) if grant.share_asks else []
    else:
        grant = None
        asks = selectors.asks_for_group(group)
    return render(
        request,
        "partners/group_partners.html",
        {
            "group": group,
            "as_officer": as_officer,
            "grant": grant,
            "asks": selectors.asks_with_timelines(asks),
            "can_record": permissions.can_record_asks(request.user, group),
        },
    )


@sign_in_required
def new_ask(request, slug):
    group = permissions.partner_group_or_404(request.user, slug)
    if not permissions.can_record_asks(request.user, group):
        return render(request, "partners/new_ask.html", {"group": group, "denied": True}, status=403)
    form = AskForm(request.POST or None, initial={"decision_working_days": 30})
    if request.method == "POST" and form.is_valid():
        try:
            ask = ask_services.record_ask(group=group, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your ask of %(body)s is recorded.") % {"body": ask.body.name})
            return redirect("partners:ask", slug=group.slug, pk=ask.pk)
    return render(request, "partners/new_ask.html", {"group": group, "form": form})


def _render_ask(
    request, group, ask, *, status=200, stage_form=None, commitment_form=None, forms_for=None, four_cos_form=None
):
    """The ask page: its timeline, the form for the next stage, and its commitments with their notes and forms."""
    user = request.user
    ask = selectors.ask_with_timeline(group, ask.pk)
    rows = ask.timeline
    upcoming = selectors.next_stage(rows, ask)
    can_stage = upcoming is not None and permissions.can_record_stage(user, ask)
    if can_stage and stage_form is None:
        stage_form = StageForm(stage=upcoming.stage)
    can_commit = permissions.can_record_commitment(user, ask)
    show_commitments = permissions.can_view_commitments(user, ask)
    forms_for = forms_for or {}
    commitments = []
    if show_commitments:
        can_mark = permissions.can_mark_commitment(user, group)
        for commitment in ask.commitments.all():
            commitment.can_note = permissions.can_write_note(user, commitment)
            commitment.note_form = forms_for.get(("note", commitment.pk)) or NoteForm(prefix=f"note-{commitment.pk}")
            commitment.can_mark = can_mark
            commitment.mark_form = forms_for.get(("mark", commitment.pk)) or MarkForm(prefix=f"mark-{commitment.pk}")
            commitments.append(commitment)
    answers, four_cos_rows = selectors.four_cos(ask)
    side = permissions.four_cos_side(user, ask)
    if side is not None and four_cos_form is None:
        mine = answers.get(side)
        four_cos_form = FourCosForm(
            initial={question: getattr(mine, question) for question in mine.QUESTIONS} if mine else None
        )
    return render(
        request,
        "partners/ask.html",
        {
            "group": group,
            "ask": ask,
            "rows": rows,
            "upcoming": upcoming if can_stage else None,
            "stage_form": stage_form if can_stage else None,
            "commitment_form": (commitment_form or CommitmentForm()) if can_commit else None,
            "show_commitments": show_commitments,
            "commitments": commitments,
            "as_officer": permissions.is_officer_view(user, group),
            "four_cos_rows": four_cos_rows,
            "four_cos_answered": bool(answers),
            "four_cos_differ": any(row.differ for row in four_cos_rows),
            "four_cos_form": four_cos_form if side else None,
            "can_publish": permissions.can_publish(user, group),
            "publish_form": PublishForm(initial={"comment": ask.public_comment}),
            "can_draft_letter": ask.is_participation_request and permissions.can_draft_letter(user, group),
        },
        status=status,
    )


def _ask(request, slug, pk):
    group = permissions.partner_group_or_404(request.user, slug)
    return group, permissions.ask_or_404(request.user, group, pk)


@sign_in_required
def ask_detail(request, slug, pk):
    group, ask = _ask(request, slug, pk)
    _log_if_officer(request, group, PartnerAccessKind.ASK, ask.title)
    return _render_ask(request, group, ask)


@sign_in_required
@require_POST
def record_stage(request, slug, pk):
    group, ask = _ask(request, slug, pk)
    if not permissions.can_record_stage(request.user, ask):
        raise PermissionDenied
    upcoming = selectors.next_stage(selectors.timeline(ask), ask)
    if upcoming is None or request.POST.get("stage") != upcoming.stage:
        messages.error(request, _("That stage has already been recorded, or cannot be recorded yet."))
        return redirect("partners:ask", slug=group.slug, pk=ask.pk)
    form = StageForm(request.POST, stage=upcoming.stage)
    if form.is_valid():
        try:
            ask_services.record_stage(
                ask=ask,
                by=request.user,
                stage=upcoming.stage,
                happened_on=form.cleaned_data["happened_on"],
                decision=form.cleaned_data.get("decision", ""),
                reasons=form.cleaned_data["reasons"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Recorded: %(stage)s.") % {"stage": upcoming.label})
            return redirect(f"{reverse('partners:ask', kwargs={'slug': group.slug, 'pk': ask.pk})}#timeline")
    return _render_ask(request, group, ask, status=400, stage_form=form)


@sign_in_required
@require_POST
def add_commitment(request, slug, pk):
    group, ask = _ask(request, slug, pk)
    if not permissions.can_record_commitment(request.user, ask):
        raise PermissionDenied
    form = CommitmentForm(request.POST)
    if form.is_valid():
        ask_services.record_commitment(ask=ask, by=request.user, **form.cleaned_data)
        messages.success(request, _("The commitment is recorded."))
        return redirect(f"{reverse('partners:ask', kwargs={'slug': group.slug, 'pk': ask.pk})}#commitments")
    return _render_ask(request, group, ask, status=400, commitment_form=form)


def _commitment(request, slug, pk):
    group = permissions.partner_group_or_404(request.user, slug)
    commitment = get_object_or_404(
        Commitment.objects.select_related("ask__body", "ask__group"), ask__group=group, pk=pk
    )
    if not permissions.can_view_commitments(request.user, commitment.ask):
        # The group's own people may know it exists; anyone else learns nothing.
        raise PermissionDenied if permissions.can_view_partners(request.user, group) else Http404
    return group, commitment


def _commitment_url(group, commitment):
    url = reverse("partners:ask", kwargs={"slug": group.slug, "pk": commitment.ask_id})
    return f"{url}#commitment-{commitment.pk}"


@sign_in_required
@require_POST
def add_note(request, slug, pk):
    group, commitment = _commitment(request, slug, pk)
    if not permissions.can_write_note(request.user, commitment):
        raise PermissionDenied
    form = NoteForm(request.POST, prefix=f"note-{commitment.pk}")
    if form.is_valid():
        ask_services.add_note(commitment=commitment, by=request.user, text=form.cleaned_data["text"])
        _log_if_officer(request, group, PartnerAccessKind.COMMITMENT, commitment.what)
        messages.success(request, _("Your note is added."))
        return redirect(_commitment_url(group, commitment))
    return _render_ask(request, group, commitment.ask, status=400, forms_for={("note", commitment.pk): form})


@sign_in_required
@require_POST
def mark_commitment(request, slug, pk):
    group, commitment = _commitment(request, slug, pk)
    if not permissions.can_mark_commitment(request.user, group):
        raise PermissionDenied
    form = MarkForm(request.POST, prefix=f"mark-{commitment.pk}")
    if form.is_valid():
        try:
            ask_services.mark_commitment(
                commitment=commitment,
                by=request.user,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Marked: %(status)s.") % {"status": commitment.get_status_display()})
        return redirect(_commitment_url(group, commitment))
    return _render_ask(request, group, commitment.ask, status=400, forms_for={("mark", commitment.pk): form})


@sign_in_required
@require_POST
def answer_four_cos(request, slug, pk):
    group, ask = _ask(request, slug, pk)
    if permissions.four_cos_side(request.user, ask) is None:
        raise PermissionDenied
    form = FourCosForm(request.POST)
    if form.is_valid():
        ask_services.answer_four_cos(ask=ask, by=request.user, answers=form.cleaned_data)
        messages.success(request, _("Your answers are saved."))
        return redirect(f"{reverse('partners:ask', kwargs={'slug': group.slug, 'pk': ask.pk})}#four-cos")
    return _render_ask(request, group, ask, status=400, four_cos_form=form)


@sign_in_required
def letter(request, slug, pk):
    """A participation request letter drafted from the group's details and the ask, to edit and then print.

    Nothing is stored: the edited text comes back as a page to print or save as PDF.
    """
    group, ask = _ask(request, slug, pk)
    if not (ask.is_participation_request and permissions.can_draft_letter(request.user, group)):
        raise PermissionDenied
    form = LetterForm(request.POST or None, initial={"text": selectors.draft_letter(ask, by=request.user)})
    if request.method == "POST" and form.is_valid():
        return render(
            request, "partners/letter_print.html", {"group": group, "ask": ask, "text": form.cleaned_data["text"]}
        )
    return render(request, "partners/letter.html", {"group": group, "ask": ask, "form": form})
