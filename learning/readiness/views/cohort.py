"""The funder's cohort page: how the groups sharing with the funder stand and move, each figure within every
grant's scope.

A group counts only in the figures its live grant covers (one sharing only pathway progress is counted as
quiet or not, never in the levels), a revoked or expired grant counts in nothing, and each figure says how
many groups it covers. Every group counted is written to its access log, as the portfolio does.
"""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from ...views.common import sign_in_required
from .. import permissions, selectors
from ..charts import compared_distribution_chart
from ..forms import CohortForm
from ..models import AccessKind, Level, ReadinessDomain, ShareGrant
from ..services import sharing
from .funders import _funder_for


def _area_rows(domains, figures):
    rows = []
    for domain in domains:
        now = figures.levels_now.get(domain.pk, {})
        before = figures.levels_before.get(domain.pk, {})
        rows.append(
            {
                "domain": domain,
                "now": [now.get(level, 0) for level in Level.values],
                "now_none": figures.self_assessment - sum(now.values()),
                "before": [before.get(level, 0) for level in Level.values],
                "before_none": figures.self_assessment - sum(before.values()),
                "moved": figures.moved.get(domain.pk, {"up": 0, "same": 0, "down": 0}),
                "chart": (
                    domain.name,
                    [(now, figures.self_assessment, _("Now")), (before, figures.self_assessment, _("Before"))],
                ),
            }
        )
    return rows


@sign_in_required
def cohort(request):
    funder, organisations = _funder_for(request)
    if not permissions.can_view_cohort(request.user, funder):
        raise PermissionDenied
    form = CohortForm(request.GET if "days" in request.GET else None, initial={"days": CohortForm.DEFAULT_DAYS})
    days = form.days_or_default()
    now = timezone.now()
    figures = selectors.cohort(funder, quiet_days=days, at=now)
    sharing.log_access(
        grants=list(ShareGrant.objects.live(now).filter(funder=funder).only("pk", "group_id", "funder_id")),
        viewer=request.user,
        kind=AccessKind.COHORT,
    )
    domains = list(ReadinessDomain.objects.all())
    areas = _area_rows(domains, figures)
    chart = compared_distribution_chart(
        rows=[row["chart"] for row in areas],
        summary=_(
            "How many of the %(total)s groups sharing self-assessment are at each level in each area: now (upper "
            "bar) and at their round before (lower bar)."
        )
        % {"total": figures.self_assessment},
    )
    funder_query = f"?{urlencode({'funder': funder.slug})}" if len(organisations) > 1 else ""
    return render(
        request,
        "readiness/cohort.html",
        {
            "funder": funder,
            "organisations": organisations,
            "form": form,
            "days": days,
            "figures": figures,
            "areas": areas,
            "chart": chart,
            "levels": Level.choices,
            "expiry_days": selectors.COHORT_EXPIRY_DAYS,
            "list_limit": selectors.COHORT_LIST_LIMIT,
            "funder_query": funder_query,
        },
    )
