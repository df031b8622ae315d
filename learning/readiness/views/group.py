"""The group's own readiness pages: profile, self-assessment rounds, comparison, evidence library, reviews."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ...group_fragments import rendered_for_group
from ...group_versions import kept_for_group
from ...models import Evidence, Membership
from ...views.common import error_text, sign_in_required
from .. import permissions, selectors
from ..charts import level_chart
from ..forms import AgreedLevelForm, EvidenceDomainsForm, MemberRatingsForm, OpenRoundForm, ReplyForm
from ..models import (
    AgreedLevel,
    AssessmentRound,
    MemberRating,
    ReadinessDomain,
    RoundKind,
)
from ..services import assessment, reviews
from ..services import evidence as readiness_evidence
from .common import group_for, level_name, profile_chart


@sign_in_required
def profile(request, slug):
    group = group_for(request, slug, permissions.can_view_readiness)
    user = request.user

    def build():
        return {
            "open_round": AssessmentRound.objects.open().filter(group=group).first(),
            "review_count": group.readiness_reviews.count(),
        }

    def profile_values():
        group_profile = selectors.readiness_profile(group)
        return {"profile": group_profile, "chart": profile_chart(group_profile)}

    # The same for everyone who may see it, kept under the group's records version (never stale); the
    # profile itself kept as HTML, so a kept page reads none of its records.
    context = kept_for_group("readiness-profile", group, build=build)
    context.update(
        {
            "group": group,
            "profile_body": rendered_for_group("readiness/includes/profile_body.html", group, values=profile_values),
            "can_run": permissions.can_run_self_assessment(user, group),
            "can_view_sharing": permissions.can_view_sharing(user, group),
        }
    )
    return render(request, "readiness/profile.html", context)


# --- Self-assessment rounds -------------------------------------------------------------------------


def _round_for(group, pk):
    return get_object_or_404(AssessmentRound.objects.select_related("opened_by", "closed_by"), group=group, pk=pk)


@sign_in_required
def rounds(request, slug):
    group = group_for(request, slug, permissions.can_view_readiness)
    all_rounds = list(selectors.rounds_with_counts(group))
    can_run = permissions.can_run_self_assessment(request.user, group)
    has_open = any(item.is_open for item in all_rounds)
    return render(
        request,
        "readiness/rounds.html",
        {
            "group": group,
            "rounds": all_rounds,
            "closed_count": sum(1 for item in all_rounds if not item.is_open),
            "form": OpenRoundForm(initial={"kind": RoundKind.REVIEW if all_rounds else RoundKind.BASELINE})
            if can_run and not has_open
            else None,
        },
    )


@sign_in_required
@require_POST
def open_round(request, slug):
    group = group_for(request, slug, permissions.can_run_self_assessment)
    form = OpenRoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the kind of round."))
        return redirect("readiness:rounds", slug=group.slug)
    try:
        new_round = assessment.open_round(group=group, kind=form.cleaned_data["kind"], by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("readiness:rounds", slug=group.slug)
    messages.success(request, _("The round is open. Ask every member to record their view."))
    return redirect("readiness:round", slug=group.slug, pk=new_round.pk)


@sign_in_required
def round_detail(request, slug, pk):
    group = group_for(request, slug, permissions.can_view_readiness)
    assessment_round = _round_for(group, pk)
    user = request.user
    domains = selectors.domains()
    agreed = {row.domain_id: row for row in assessment_round.agreed_levels.all()}
    can_see_spread = permissions.can_see_rating_spread(user, group)
    ratings = selectors.spread(assessment_round) if can_see_spread else {}
    mine = {row.domain_id: row for row in MemberRating.objects.filter(round=assessment_round, member=user)}
    rows = []
    for domain in domains:
        levels = sorted({rating.level for rating in ratings.get(domain.pk, [])})
        rows.append(
            {
                "domain": domain,
                "agreed": agreed.get(domain.pk),
                "mine": mine.get(domain.pk),
                "ratings": ratings.get(domain.pk, []),
                "differ": len(levels) > 1,
                "range": (level_name(levels[0]), level_name(levels[-1])) if levels else None,
            }
        )
    return render(
        request,
        "readiness/round.html",
        {
            "group": group,
            "round": assessment_round,
            "rows": rows,
            "can_see_spread": can_see_spread,
            "can_rate": assessment_round.is_open and permissions.can_rate_readiness(user, group),
            "can_run": assessment_round.is_open and permissions.can_run_self_assessment(user, group),
            "missing": [row["domain"] for row in rows if not row["agreed"]],
        },
    )


@sign_in_required
def rate(request, slug, pk):
    group = group_for(request, slug, permissions.can_rate_readiness)
    assessment_round = _round_for(group, pk)
    if not assessment_round.is_open:
        raise PermissionDenied
    domains = selectors.domains(with_levels=True)
    mine = {row.domain_id: row for row in MemberRating.objects.filter(round=assessment_round, member=request.user)}
    initial = {}
    for domain_id, rating in mine.items():
        initial[f"level_{domain_id}"] = rating.level
        initial[f"comment_{domain_id}"] = rating.comment
    form = MemberRatingsForm(request.POST or None, domains=domains, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            assessment.record_member_ratings(
                assessment_round=assessment_round, member=request.user, ratings=form.ratings()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your views are saved. You can change them until the round closes."))
            return redirect("readiness:round", slug=group.slug, pk=assessment_round.pk)
    sections = [
        (domain, level_field, comment_field, sorted(domain.levels.all(), key=lambda level: level.level))
        for domain, level_field, comment_field in form.domain_fields()
    ]
    return render(
        request, "readiness/rate.html", {"group": group, "round": assessment_round, "form": form, "sections": sections}
    )


@sign_in_required
def agree(request, slug, pk, domain_slug):
    """The spread of members' views on one domain and, for the coordinator, the agreed level."""
    group = group_for(request, slug, permissions.can_view_readiness)
    assessment_round = _round_for(group, pk)
    domain = get_object_or_404(
        ReadinessDomain.objects.canonical().prefetch_related("levels", "indicators"), slug=domain_slug
    )
    selectors.localize_domains([domain], children=("levels", "indicators"))
    can_agree = assessment_round.is_open and permissions.can_run_self_assessment(request.user, group)
    if request.method == "POST" and not can_agree:
        raise PermissionDenied
    current = AgreedLevel.objects.filter(round=assessment_round, domain=domain).first()
    initial = {}
    if current is not None:
        initial = {key: getattr(current, key) for key in ("level", "strengths", "next_steps", "reasons")}
    form = AgreedLevelForm(request.POST or None, initial=initial) if can_agree else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            assessment.record_agreed_level(
                assessment_round=assessment_round, domain=domain, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The agreed level for %(domain)s is saved.") % {"domain": domain.name})
            return redirect("readiness:round", slug=group.slug, pk=assessment_round.pk)
    ratings = []
    if permissions.can_see_rating_spread(request.user, group):
        ratings = list(
            assessment_round.member_ratings.filter(domain=domain).select_related("member").order_by("level", "pk")
        )
    counts = {level.level: 0 for level in domain.levels.all()}
    for rating in ratings:
        counts[rating.level] = counts.get(rating.level, 0) + 1
    return render(
        request,
        "readiness/agree.html",
        {
            "group": group,
            "round": assessment_round,
            "domain": domain,
            "agreed": current,
            "form": form,
            "ratings": ratings,
            "counts": sorted(counts.items()),
            "can_see_spread": permissions.can_see_rating_spread(request.user, group),
            "differ": len({rating.level for rating in ratings}) > 1,
        },
    )


def _members_yet_to_rate(group, assessment_round, area_count):
    """Members who have given no view in the round, and those who have rated only some of the areas."""
    rated = dict(
        MemberRating.objects.filter(round=assessment_round)
        .values("member")
        .annotate(areas=Count("domain", distinct=True))
        .values_list("member", "areas")
    )
    not_rated, partly_rated = [], []
    for membership in Membership.objects.active().filter(group=group).select_related("user").order_by("joined", "pk"):
        areas = rated.get(membership.user_id, 0)
        if areas == 0:
            not_rated.append(membership.user)
        elif areas < area_count:
            partly_rated.append((membership.user, areas))
    return not_rated, partly_rated


@sign_in_required
def close_round(request, slug, pk):
    """Closing cannot be undone, so a GET asks first, naming who has not rated; a POST with `confirm` closes."""
    group = group_for(request, slug, permissions.can_run_self_assessment)
    assessment_round = _round_for(group, pk)
    if not assessment_round.is_open:
        # A second press (a double tap, or another tab) finds it closed: say so, change nothing.
        messages.info(request, _("This round is already closed."))
        return redirect("readiness:round", slug=group.slug, pk=assessment_round.pk)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            return redirect("readiness:close_round", slug=group.slug, pk=assessment_round.pk)
        try:
            assessment.close_round(assessment_round=assessment_round, by=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect("readiness:round", slug=group.slug, pk=assessment_round.pk)
        messages.success(request, _("The round is closed and kept. Your readiness profile now shows these levels."))
        return redirect("readiness:profile", slug=group.slug)
    domains = selectors.domains()
    agreed = set(assessment_round.agreed_levels.values_list("domain_id", flat=True))
    not_rated, partly_rated = _members_yet_to_rate(group, assessment_round, len(domains))
    return render(
        request,
        "readiness/confirm_close_round.html",
        {
            "group": group,
            "round": assessment_round,
            "not_rated": not_rated,
            "partly_rated": partly_rated,
            "area_count": len(domains),
            "not_agreed": [domain for domain in domains if domain.pk not in agreed],
            "can_close": bool(agreed),
        },
    )


@sign_in_required
def compare(request, slug):
    """Every closed round's agreed level per area, and the change between two of them (the first and latest
    unless the group chooses), drawn as a chart and given as a table."""
    group = group_for(request, slug, permissions.can_view_readiness)
    closed = list(AssessmentRound.objects.closed().filter(group=group).order_by("closed_at", "pk"))
    context = {"group": group, "rounds": closed}
    if len(closed) < 2:
        return render(request, "readiness/compare.html", context)
    by_pk = {str(item.pk): item for item in closed}
    first = by_pk.get(request.GET.get("from", ""), closed[0])
    second = by_pk.get(request.GET.get("to", ""), closed[-1])
    for number, item in enumerate(closed, start=1):
        item.number = number
    levels = {}
    for round_id, domain_id, level in AgreedLevel.objects.filter(round__in=closed).values_list(
        "round_id", "domain_id", "level"
    ):
        levels[(round_id, domain_id)] = level
    rows = []
    for domain in selectors.domains():
        before, after = levels.get((first.pk, domain.pk)), levels.get((second.pk, domain.pk))
        rows.append(
            {
                "domain": domain,
                "levels": [levels.get((item.pk, domain.pk)) for item in closed],
                "before": before,
                "after": after,
                "direction": _direction(before, after),
                "change": _change_text(before, after),
            }
        )
    chart = level_chart(
        rows=[(row["domain"].name, row["levels"]) for row in rows],
        summary=_(
            "Agreed level in each area in each of the %(count)s closed rounds, from 1 (starting out) to 4 (sharing); "
            "the bars of an area are the rounds in order, each numbered at its end."
        )
        % {"count": len(closed)},
        series_classes=SERIES_CLASSES,
        series_names=[str(item.number) for item in closed],
        empty_text=_("not agreed"),
        value_text=level_name,
    )
    context.update({"first": first, "second": second, "rows": rows, "chart": chart})
    return render(request, "readiness/compare.html", context)


SERIES_CLASSES = ("series-0", "series-1", "series-2", "series-3")


def _direction(before, after):
    if not (before and after):
        return ""
    return "up" if after > before else "down" if after < before else "same"


def _change_text(before, after):
    direction = _direction(before, after)
    if not direction:
        return _("Cannot compare")
    if direction == "up":
        return ngettext("Up %(levels)s level", "Up %(levels)s levels", after - before) % {"levels": after - before}
    if direction == "down":
        return ngettext("Down %(levels)s level", "Down %(levels)s levels", before - after) % {"levels": before - after}
    return _("Same")


# --- Evidence and areas (the library is learning's; readiness/evidence_library.py adds the areas) ---------


@sign_in_required
def evidence_library(request, slug):
    """The old "Evidence by area" address: the group's one evidence library shows the areas now."""
    group = group_for(request, slug, permissions.can_view_readiness)
    return redirect("learning:evidence_list", slug=group.slug, permanent=True)


@sign_in_required
def evidence_domains(request, slug, pk):
    group = group_for(request, slug, permissions.can_link_evidence)
    evidence = get_object_or_404(Evidence.objects.current(), group=group, pk=pk)
    current = list(evidence.readiness_domain_links.values_list("domain_id", flat=True))
    # Bound on every POST: unticking every box sends no field at all, and must still take the links away.
    form = EvidenceDomainsForm(
        request.POST if request.method == "POST" else None,
        domains=selectors.domains(),
        initial={"domains": current},
    )
    if request.method == "POST" and form.is_valid():
        readiness_evidence.set_evidence_domains(
            evidence=evidence, domains=form.cleaned_data["domains"], by=request.user
        )
        messages.success(request, _("Saved which areas “%(title)s” supports.") % {"title": evidence.title})
        return redirect("learning:evidence_list", slug=group.slug)
    return render(request, "readiness/evidence_domains.html", {"group": group, "evidence": evidence, "form": form})


# --- Reviews the group has received -----------------------------------------------------------------


@sign_in_required
def group_reviews(request, slug):
    group = group_for(request, slug, permissions.can_view_reviews)
    return render(request, "readiness/group_reviews.html", {"group": group, "reviews": selectors.group_reviews(group)})


@sign_in_required
def group_review(request, slug, pk):
    group = group_for(request, slug, permissions.can_view_reviews)
    review = selectors.group_reviews(group).filter(pk=pk).first()
    if review is None:
        raise Http404
    can_reply = permissions.can_reply_to_review(request.user, group)
    form = ReplyForm(request.POST or None) if can_reply else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            reviews.reply_to_review(review=review, by=request.user, body=form.cleaned_data["body"])
            messages.success(request, _("Your reply is posted. %(funder)s will be told.") % {"funder": review.funder})
            return redirect(reverse("readiness:group_review", kwargs={"slug": group.slug, "pk": review.pk}))
    context = {
        "group": group,
        "review": review,
        "form": form,
        "can_manage_sharing": permissions.can_manage_sharing(request.user, group),
    }
    return render(request, "readiness/group_review.html", context)
