"""A facilitator's caseload: every group they support on one page, a queue to verify several steps at once, and
the same rows as a spreadsheet (plain HTML forms; nothing needs JavaScript)."""

import csv
import re
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .. import permissions, selectors
from ..caseload import EXPIRY_DAYS, SORTS, caseload_for
from ..exports import spreadsheet_safe
from ..forms import CaseloadFilterForm
from ..models import StepPage, StepProgress, StepStatus
from ..services import progress as progress_services
from .common import error_text, sign_in_required

_ITEM = re.compile(r"^(\d{1,18})-(\d{1,18})$")


def _caseload_or_403(request):
    if not permissions.can_view_caseload(request.user):
        raise PermissionDenied
    form = CaseloadFilterForm(request.GET or None, sorts=SORTS)
    filters = form.filters()
    return form, filters, caseload_for(request.user, **filters)


def _query(filters):
    """The filters as a query string, so the export and the return from verifying keep them."""
    kept = {name: value for name, value in filters.items() if value and not (name == "sort" and value == "name")}
    return urlencode({name: ("1" if value is True else value) for name, value in kept.items()})


@sign_in_required
def caseload(request):
    form, filters, found = _caseload_or_403(request)
    query = _query(filters)
    context = {
        "form": form,
        "filters": filters,
        "caseload": found,
        "sorts": SORTS,
        "expiry_days": EXPIRY_DAYS,
        "query": query,
        "export_url": reverse("learning:caseload_export") + (f"?{query}" if query else ""),
        "today": timezone.localdate(),
    }
    return render(request, "learning/caseload.html", context)


class _Echo:
    def write(self, value):
        return value


def _day(moment):
    return timezone.localtime(moment).date().isoformat() if moment else ""


@sign_in_required
def caseload_export(request):
    """The rows the caseload shows (same filters and order) as CSV, streamed from rows read in a fixed number
    of queries; every cell spreadsheet-safe."""
    _form, _filters, found = _caseload_or_403(request)
    writer = csv.writer(_Echo())

    def lines():
        header = [
            _("Group"),
            _("Last activity"),
            _("Stalled"),
            _("Pathway progress"),
            _("Progress by stage"),
            _("Steps to verify"),
            _("Evidence running out"),
            _("Certificates lapsing"),
        ]
        yield writer.writerow(header + [name for part in found.parts for name in part.fields])
        for row in found.rows:
            yield writer.writerow(
                [
                    spreadsheet_safe(value)
                    for value in [
                        row.group.name,
                        _day(row.last_activity),
                        _("Yes") if row.stalled else _("No"),
                        "; ".join(
                            f"{item.pathway.title}: {item.progress.percent if item.progress else 0}%"
                            for item in row.pathways
                        ),
                        "; ".join(
                            f"{item.pathway.title} / {stage.stage.title}: {stage.done}/{stage.total}"
                            for item in row.pathways
                            for stage in item.stages
                        ),
                        "; ".join(f"{progress.step.title} ({_day(progress.changed_at)})" for progress in row.to_verify),
                        "; ".join(f"{item.title} ({item.valid_until.isoformat()})" for item in row.evidence),
                        "; ".join(
                            f"{item.pathway_title} ({item.valid_until.isoformat()})" for item in row.certificates
                        ),
                        *[value for part in found.parts for value in part.cells_for(row.group)],
                    ]
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    stamp = date_format(timezone.localdate(), "Y-m-d")
    response["Content-Disposition"] = f'attachment; filename="caseload-{stamp}.csv"'
    return response


@sign_in_required
@require_POST
def caseload_verify(request):
    """Verify each step ticked in the queue through the progress service, one at a time, and say what happened to
    each: verified, already verified by someone else, no longer waiting, or not verified and why."""
    if not permissions.can_view_caseload(request.user):
        raise PermissionDenied
    back = reverse("learning:caseload")
    form = CaseloadFilterForm(request.POST, sorts=SORTS)
    query = _query(form.filters())
    back_with_filters = f"{back}?{query}#verify" if query else f"{back}#verify"
    asked = [match.groups() for value in request.POST.getlist("step") if (match := _ITEM.match(value))]
    if not asked:
        messages.error(request, _("Tick at least one step to verify."))
        return redirect(back_with_filters)
    groups = {group.pk: group for group in selectors.caseload_groups(request.user)}
    steps = {
        step.pk: step
        for step in StepPage.objects.live()
        .filter(pk__in={int(step_id) for _group_id, step_id in asked})
        .select_related("pathway")
        .defer_streamfields()
    }
    verified, problems = [], []
    for group_id, step_id in dict.fromkeys(asked):
        group, step = groups.get(int(group_id)), steps.get(int(step_id))
        if group is None or step is None:
            problems.append(_("A step you ticked is no longer in your caseload."))
            continue
        problem = _verify_one(request, group, step)
        if problem:
            problems.append(problem)
        else:
            verified.append(step)
    if verified:
        count = len(verified)
        messages.success(
            request, ngettext("Verified %(count)d step.", "Verified %(count)d steps.", count) % {"count": count}
        )
    for problem in problems:
        messages.warning(request, problem)
    return redirect(back_with_filters)


def _verify_one(request, group, step):
    """Verify one step for one group; the problem in words, or "" when it is verified."""
    names = {"step": step.title, "group": group.name}
    current = StepProgress.objects.filter(group=group, step=step).values_list("status", flat=True).first()
    if current == StepStatus.VERIFIED:
        return _("“%(step)s” in %(group)s: already verified, by you or another facilitator.") % names
    if current != StepStatus.AWAITING_VERIFICATION:
        return _("“%(step)s” in %(group)s: no longer waiting to be verified, so nothing was changed.") % names
    try:
        progress_services.verify(group=group, step=step, by=request.user)
    except ValidationError as error:
        if error.code == "evidence_missing":
            return (
                _(
                    "“%(step)s” in %(group)s: not verified. The evidence it asks for is missing. Open the step from "
                    "the list to verify it with a reason."
                )
                % names
            )
        return _("“%(step)s” in %(group)s: not verified. %(reason)s") % {**names, "reason": error_text(error)}
    except PermissionDenied:
        return _("“%(step)s” in %(group)s: not verified. You no longer support this group.") % names
    return ""
