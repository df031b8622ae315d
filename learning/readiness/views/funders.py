"""Funder pages: the portfolio of groups shared with the reviewer's organisation, the review page, export.

Every page asks `permissions` for a live grant on each request, so a group that stops sharing
(or whose grant expires) disappears from the next page the funder loads: its page then says it no
longer shares (to reviewers it once shared with; 404 to everyone else) and its files return 404.
Reviewers find groups to ask by name or place, among the groups that chose to be findable.
"""

import csv
import hashlib
import html
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.formats import number_format
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

from resources.places import PLACE_CHOICES

from ...exports import spreadsheet_safe as _cell
from ...files import private_file_response
from ...models import CommunityGroup, Evidence, StepPage
from ...views.common import sign_in_required
from .. import permissions, selectors
from ..charts import distribution_chart
from ..conf import portfolio_page_size, share_request_rate
from ..forms import FindGroupForm, ReviewForm, ShareRequestForm
from ..models import AccessKind, Decision, DomainStep, Level, RequestStatus
from ..services import portfolio_counts, reviews, sharing
from .common import profile_chart

PLACE_NAMES = dict(PLACE_CHOICES)
EXPORT_CHUNK = 500


def _funder_for(request):
    """The organisation the reviewer is working for (chosen with ?funder= when they review for several)."""
    organisations = permissions.reviewer_organisations(request.user)
    if not organisations:
        raise Http404
    wanted = request.GET.get("funder", "")
    funder = next((item for item in organisations if item.slug == wanted), organisations[0])
    return funder, organisations


def _counted(funder, *, place, decision, at):
    """The funder's portfolio counts with these filters, counted again first when they no longer hold."""
    overview = selectors.portfolio_overview(funder, place=place, decision=decision, at=at)
    if overview is None:
        portfolio_counts.recount([funder.pk], at=at)
        overview = selectors.portfolio_overview(funder, place=place, decision=decision, at=at)
    return overview


def _filters(request, funder):
    """The page's filters and sort, each one the page offers or none, and the counts they select."""
    wanted_place = request.GET.get("place", "")
    decision = request.GET.get("decision", "")
    decision = decision if decision in dict(Decision.choices) or decision == "none" else ""
    sort = request.GET.get("sort", "name")
    at = timezone.now()
    overview = _counted(funder, place=wanted_place, decision=decision, at=at)
    places = [(value, PLACE_NAMES.get(value, value)) for value in overview.places]
    place = wanted_place if wanted_place in dict(places) else ""
    if place != wanted_place:
        overview = _counted(funder, place=place, decision=decision, at=at)
    return {
        "place": place,
        "decision": decision,
        "sort": sort if sort in selectors.SORTS else "name",
        "places": places,
        "overview": overview,
    }


def _querystring(funder, organisations, filters):
    params = {key: filters[key] for key in ("place", "decision", "sort") if filters[key] and filters[key] != "name"}
    if len(organisations) > 1:
        params["funder"] = funder.slug
    return urlencode(params)


@sign_in_required
def portfolio(request):
    funder, organisations = _funder_for(request)
    filters = _filters(request, funder)
    grants = selectors.portfolio_grants(
        funder, place=filters["place"], decision=filters["decision"], sort=filters["sort"]
    )
    distribution, total = filters["overview"].distribution.counts, filters["overview"].distribution.total
    paginator = Paginator(grants, portfolio_page_size())
    paginator.count = total  # the funder's stored counts (`services.portfolio_counts`): the grants are not counted
    page_obj = paginator.get_page(request.GET.get("page"))
    rows = selectors.portfolio_rows(selectors.shown_grants(page_obj.object_list))
    sharing.log_access(grants=[row.grant for row in rows], viewer=request.user, kind=AccessKind.PORTFOLIO)
    domains = selectors.kept_domains()
    # Drawn only when the kept HTML of the chart and its table is missing (`kept_for_content` below).
    summary = SimpleLazyObject(lambda: _level_table(domains, distribution, total))
    shown = number_format(total, force_grouping=True)
    chart = SimpleLazyObject(
        lambda: distribution_chart(
            rows=[(domain.name, distribution[domain.pk], total) for domain in domains],
            summary=_("How many of the %(total)s groups shown are at each level in each area.") % {"total": shown},
        )
    )
    querystring = _querystring(funder, organisations, filters)
    query_suffix = f"?{querystring}" if querystring else ""
    # What the kept HTML of the chart and its table, and of the place filter's choices, is made of
    # (`kept_for_content` adds the language and the content version, which names the areas).
    counted = sorted((area, sorted(levels.items())) for area, levels in distribution.items() if levels)
    glance_key = _digest(total, counted)
    places_key = _digest([value for value, _name in filters["places"]], filters["place"])
    funder_query = f"?funder={funder.slug}" if len(organisations) > 1 else ""
    text = _RowText()
    group_url = _GroupUrl()
    for row in rows:
        levels = row.levels
        row.domain_levels = [levels.get(domain.pk) for domain in domains]
        row.url = group_url(row.group.slug) + funder_query
        row.html = _row_html(row, text)
    return render(
        request,
        "readiness/portfolio.html",
        {
            "funder": funder,
            "organisations": organisations,
            "filters": filters,
            "decisions": Decision.choices,
            "page_obj": page_obj,
            "rows": rows,
            "domains": domains,
            "summary": summary,
            "chart": chart,
            "levels": Level.choices,
            "querystring": querystring,
            "glance_key": glance_key,
            "places_key": places_key,
            "export_url": reverse("readiness:portfolio_export") + query_suffix,
            "giving_export_url": reverse("readiness:portfolio_360giving") + query_suffix,
        },
    )


def _level_table(domains, distribution, total):
    """The rows of the table beside the chart: how many groups are at each level in each area, and with none."""
    return [
        {
            "domain": domain,
            "counts": [distribution[domain.pk].get(level, 0) for level in Level.values],
            "none": total - sum(distribution[domain.pk].values()),
        }
        for domain in domains
    ]


class _GroupUrl:
    """A shared group's review page address by its slug, reversed once for a page of rows.

    A slug (`<slug:slug>`) is letters, digits, "-" and "_", which `reverse` leaves as they are, so the one
    reversed with a stand-in gives every other by putting the slug in its place.
    """

    STAND_IN = "group-slug"

    def __init__(self):
        self.before, self.after = reverse("readiness:funder_group", kwargs={"slug": self.STAND_IN}).rsplit(
            self.STAND_IN, 1
        )

    def __call__(self, slug):
        return f"{self.before}{slug}{self.after}"


def _digest(*values):
    """A short name for these values (plain numbers, strings and lists of them) as a cache key's part."""
    return hashlib.blake2b(repr(values).encode(), digest_size=16).hexdigest()


def _text(value):
    """`value` escaped for HTML, as Django's `escape` does it, without its check for lazy text on every call."""
    return html.escape(str(value))


class _RowText:
    """What the portfolio's rows say, made ready once for a page: the words escaped, and the places' names,
    the decisions' names and the level cells escaped as they are first met, with the months' short names
    (`date_format`'s "M")."""

    def __init__(self):
        self.not_shared = _text(_("Not shared"))
        self.not_started = _text(_("Not started"))
        self.none_yet = _text(_("None yet"))
        self.not_reviewed = _text(_("Not reviewed"))
        self.places = {}
        self.decisions = {}
        self.level_cells = {}
        self.months = [""] + [str(MONTHS_3[month]).title() for month in range(1, 13)]
        self.hidden_unagreed = f'<td><span class="visually-hidden">{self.not_shared}</span>-</td>'

    def place(self, value):
        if value not in self.places:
            self.places[value] = _text(PLACE_NAMES.get(value, value) or "-")
        return self.places[value]

    def decision(self, row):
        value = row.grant.summary_decision
        if value not in self.decisions:
            self.decisions[value] = _text(row.latest_decision)
        return self.decisions[value]

    def level_cell(self, level):
        if level not in self.level_cells:
            self.level_cells[level] = f"<td>{_text(level)}</td>"
        return self.level_cells[level]

    def day(self, moment):
        """`date_format(localtime(moment), "j M Y")`, without its format lookups for each row."""
        day = timezone.localtime(moment).date()
        return f"{day.day} {self.months[day.month]} {day.year:04d}"


def _row_html(row, text):
    """One portfolio row, built here rather than by the template: a page of 25 rows with a column for each
    area cost the template engine more than the rest of the page. Plain strings, every value from the
    database escaped."""
    grant = row.grant
    if not grant.share_progress:
        progress = text.not_shared
    elif row.pathways:
        progress = "<br>".join(f"{_text(item.pathway.title)}: {_text(item.percent)}%" for item in row.pathways)
    else:
        progress = text.not_started
    if not grant.share_self_assessment:
        assessed, unagreed = text.not_shared, text.hidden_unagreed
    else:
        assessed = text.day(grant.summary_assessed_at) if grant.summary_assessed_at else text.none_yet
        unagreed = "<td>-</td>"
    levels = "".join(text.level_cell(level) if level else unagreed for level in row.domain_levels)
    decision = text.decision(row) if grant.summary_decision else text.not_reviewed
    place = text.place(row.group.place)
    name = f'<th scope="row"><a href="{_text(row.url)}">{_text(row.group.name)}</a></th>'
    return mark_safe(  # noqa: S308
        f"<tr>{name}<td>{place}</td><td>{progress}</td><td>{assessed}</td><td>{decision}</td>{levels}</tr>"
    )


class _Echo:
    def write(self, value):
        return value


def _in_blocks(lines):
    """The lines joined `EXPORT_CHUNK` at a time: the server sends each piece a response yields on its own."""
    block = []
    for line in lines:
        block.append(line)
        if len(block) >= EXPORT_CHUNK:
            yield "".join(block)
            block = []
    if block:
        yield "".join(block)


def _csv_response(lines, filename):
    response = StreamingHttpResponse(_in_blocks(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _export_grants(request):
    """The funder, and the grants of its portfolio with the page's filters and order, for an export."""
    funder, _organisations = _funder_for(request)
    filters = _filters(request, funder)
    grants = selectors.portfolio_grants(
        funder, place=filters["place"], decision=filters["decision"], sort=filters["sort"]
    )
    return funder, grants


def _rows_streamed(grants, *, viewer, as_models=True):
    """The grants one by one as `PortfolioRow`s, with a constant number of queries however many.

    Every group included is logged first (one query), then the pathways of all of them are fetched in
    one query, then the grants stream from one query in chunks, so memory holds a chunk of grants at a
    time and no row asks anything of its own. With `as_models=False` each row's grant is a plain
    `selectors.ShownGrant` (what the portfolio shows), which costs a third of a model grant and its group.
    """
    sharing.log_access_to_all(grants=grants, viewer=viewer, kind=AccessKind.EXPORT)
    pathways = selectors.pathway_progress_of(grants)
    if as_models:
        # Dates no export column shows are left in the database: parsing them was a good part of each row's cost.
        unread = ("granted_at", "expires_at", "revoked_at", "summary_progress_at", "summary_activity_at")
        unread_of_group = ("group__description", "group__created", "group__closed_at")
        streamed = grants.defer(*unread, *unread_of_group).iterator(chunk_size=EXPORT_CHUNK)
    else:
        streamed = selectors.shown_grants(grants, chunk_size=EXPORT_CHUNK)
    for grant in streamed:
        yield selectors.PortfolioRow(grant=grant, pathways=pathways.get(grant.group_id, []))


def _progress_text(row):
    return "; ".join(f"{item.pathway.title}: {item.percent}%" for item in row.pathways)


def _date_text(value):
    return timezone.localtime(value).date().isoformat() if value else ""


@sign_in_required
def portfolio_export(request):
    """The rows the portfolio shows (every page, same filters and order) as CSV, streamed."""
    funder, grants = _export_grants(request)
    domains = selectors.domains()
    writer = csv.writer(_Echo())
    viewer = request.user

    def lines():
        header = [_("Group"), _("Place"), _("Pathway progress"), _("Last self-assessment"), _("Latest decision")]
        yield writer.writerow(header + [domain.name for domain in domains])
        not_shared = _("not shared")
        for row in _rows_streamed(grants, viewer=viewer, as_models=False):
            grant, levels = row.grant, row.levels
            yield writer.writerow(
                [
                    _cell(grant.group.name),
                    _cell(PLACE_NAMES.get(grant.group.place, grant.group.place)),
                    _cell(_progress_text(row) if grant.share_progress else not_shared),
                    _cell(_date_text(grant.summary_assessed_at) if grant.share_self_assessment else not_shared),
                    _cell(row.latest_decision),
                ]
                + [_cell(levels.get(domain.pk, "")) for domain in domains]
            )

    return _csv_response(lines(), f"portfolio-{funder.slug}-{timezone.localdate().isoformat()}.csv")


# The 360Giving field names, exactly as the standard publishes them, so a funder's tools join this file
# to their own grants data by the recipient's identifier. The readiness columns beside them are the
# Hub's own and, like the standard's, stay in English in every language: they name data, not words to read.
GIVING_FIELDS = ["Recipient Org:Identifier", "Recipient Org:Name", "Recipient Org:Postal Code"]
READINESS_FIELDS = [
    "Readiness:Shared",
    "Readiness:Pathway Progress",
    "Readiness:Last Self-Assessment",
    "Readiness:Average Agreed Level",
    "Readiness:Latest Decision",
]


def _scope_keys(grant):
    keys = [("progress", grant.share_progress), ("self-assessment", grant.share_self_assessment)]
    keys += [("evidence", grant.share_evidence), ("postcode", grant.share_postcode)]
    # Then what installed apps let a group share too (`learning.funder_scopes`), by their keys ("partners").
    return "; ".join([key for key, shared in keys if shared] + [scope.key for scope in grant.more_shared()])


@sign_in_required
def portfolio_360giving(request):
    """One row a shared group, in 360Giving's recipient columns, beside the readiness its grant shares.

    The postcode is there only where the group shares it; the readiness columns only where the grant's
    scope covers them (and `Readiness:Shared` says which it does), empty otherwise.
    """
    funder, grants = _export_grants(request)
    domains = selectors.domains()
    writer = csv.writer(_Echo())
    viewer = request.user

    def lines():
        yield writer.writerow(GIVING_FIELDS + READINESS_FIELDS + [f"Readiness:{domain.name}" for domain in domains])
        for row in _rows_streamed(grants, viewer=viewer):
            grant, group, levels = row.grant, row.grant.group, row.levels
            assessed = grant.share_self_assessment
            average = grant.summary_readiness
            yield writer.writerow(
                [
                    _cell(group.identifier),
                    _cell(group.name),
                    _cell(group.postcode if grant.share_postcode else ""),
                    _cell(_scope_keys(grant)),
                    _cell(_progress_text(row) if grant.share_progress else ""),
                    _cell(_date_text(grant.summary_assessed_at) if assessed else ""),
                    _cell(f"{average:.1f}" if assessed and average is not None else ""),
                    _cell(grant.summary_decision),
                ]
                + [_cell(levels.get(domain.pk, "")) for domain in domains]
            )

    return _csv_response(lines(), f"360giving-recipients-{funder.slug}-{timezone.localdate().isoformat()}.csv")


def _shared_group(request, slug):
    """The group and the live grant through which this reviewer sees it; 404 without one."""
    funder, organisations = _funder_for(request)
    group = CommunityGroup.objects.filter(slug=slug).first()
    wanted = funder if request.GET.get("funder") else None
    grant = permissions.live_grant_for(request.user, group, funder=wanted) if group else None
    if grant is None:
        raise Http404
    return group, grant, organisations


def _no_longer_shared(request, slug):
    """The page for a reviewer whose organisation a group once shared with and no longer does; else 404.

    It names the group (which the reviewer already knew) and when sharing ended, and nothing from its
    profile. To anyone whose organisation never had a grant it is the same 404 as a group that does not
    exist, so addresses cannot be tried to learn which groups there are. Status 200, not 410: the
    address works again if the group shares again, so it is not gone for good.
    """
    funder, organisations = _funder_for(request)
    group = CommunityGroup.objects.filter(slug=slug).first()
    wanted = funder if request.GET.get("funder") else None
    former = permissions.former_grant_for(request.user, group, funder=wanted)
    if former is None:
        raise Http404
    return render(
        request,
        "readiness/no_longer_shared.html",
        {
            "group": group,
            "grant": former,
            "funder": former.funder,
            "organisations": organisations,
            "review_not_posted": request.method == "POST",
            "funder_query": f"?{urlencode({'funder': former.funder.slug})}" if len(organisations) > 1 else "",
        },
    )


@sign_in_required
def funder_group(request, slug):
    try:
        group, grant, organisations = _shared_group(request, slug)
    except Http404:
        return _no_longer_shared(request, slug)
    funder = grant.funder
    scope = selectors.Scope.of_grant(grant)
    profile = selectors.readiness_profile(group, scope)
    suggestions = selectors.suggestions_for(profile, funder)
    step_ids = DomainStep.objects.values("step_id")
    form = ReviewForm(
        request.POST or None,
        suggestions=suggestions,
        step_queryset=StepPage.objects.live().filter(pk__in=step_ids).order_by("path"),
    )
    if request.method == "POST":
        if not permissions.can_review_group(request.user, group, funder=funder):
            raise PermissionDenied
        if form.is_valid():
            try:
                reviews.post_review(
                    grant=grant,
                    reviewer=request.user,
                    decision=form.cleaned_data["decision"],
                    feedback=form.cleaned_data["feedback"].strip(),
                    ratings=form.ratings(),
                    suggestions={domain: suggestion.rating for domain, suggestion in suggestions.items()},
                    suggested_steps=form.cleaned_data["suggested_steps"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your review is posted. %(group)s will be told.") % {"group": group.name})
                url = reverse("readiness:funder_group", kwargs={"slug": group.slug})
                if len(organisations) > 1:
                    url += "?" + urlencode({"funder": funder.slug})
                return redirect(url)
    sharing.log_access(grants=[grant], viewer=request.user, kind=AccessKind.PROFILE)
    more_parts = _more_shared_parts(request.user, group, grant)
    return render(
        request,
        "readiness/funder_group.html",
        {
            "more_parts": more_parts,
            "group": group,
            "grant": grant,
            "funder": funder,
            "profile": profile,
            "chart": profile_chart(profile),
            "form": form,
            "reviews": selectors.group_reviews(group, funder=funder),
            "place_name": PLACE_NAMES.get(group.place, group.place),
            "funder_query": f"?{urlencode({'funder': funder.slug})}" if len(organisations) > 1 else "",
        },
    )


def _more_shared_parts(viewer, group, grant):
    """What else the grant shares that other apps show (partners: asks and commitments), each view logged."""
    parts = []
    for scope in grant.more_shared():
        if not permissions.grant_shares(grant, scope.key):
            continue
        part = scope.part(viewer, group)
        if part is not None:
            sharing.log_access(grants=[grant], viewer=viewer, kind=AccessKind.MORE_SHARED, detail=str(scope.label))
            parts.append(part)
    return parts


@sign_in_required
def funder_evidence(request, slug, pk):
    group, grant, _organisations = _shared_group(request, slug)
    evidence = Evidence.objects.filter(group=group, pk=pk).first()
    if evidence is None or not permissions.can_view_shared_evidence_file(request.user, evidence, funder=grant.funder):
        raise Http404
    response = private_file_response(
        evidence.file, filename=evidence.original_filename, content_type=evidence.content_type
    )
    # Logged once the file is really there to send, so the group's log never shows a download that failed.
    sharing.log_access(grants=[grant], viewer=request.user, kind=AccessKind.EVIDENCE, detail=evidence.title)
    return response


SHARE_REQUEST_RATE_GROUP = "readiness.share_requests"


def _share_requests_sent(request, *, increment):
    """This reviewer's requests in the current period (django-ratelimit, per account), or None when off.

    Every request sent counts, whether or not a group has the address, so the limit says nothing about
    which groups exist.
    """
    return get_usage(
        request,
        group=SHARE_REQUEST_RATE_GROUP,
        key="user",
        rate=lambda group, request: share_request_rate(),
        increment=increment,
    )


def _share_request_limit_reached(request):
    usage = _share_requests_sent(request, increment=False)
    if usage and (usage["count"] >= usage["limit"] or usage["should_limit"]):
        return usage
    return None


def _ask_page(request, context, status=200):
    return render(request, "readiness/ask_to_share.html", context, status=status)


@sign_in_required
def ask_to_share(request):
    """Find a group by name or place (only groups that chose to be findable) and ask it to share."""
    funder, organisations = _funder_for(request)
    data = request.POST if request.method == "POST" else request.GET
    find_form = FindGroupForm(data if "q" in data else None)
    query = find_form.cleaned_data["q"] if find_form.is_bound and find_form.is_valid() else ""
    results = selectors.find_groups(query) if query else []
    states = selectors.ask_states(funder, results)
    for group in results:
        group.ask_state = states[group.pk]
        group.place_name = PLACE_NAMES.get(group.place, "")
    form = ShareRequestForm(
        request.POST if request.method == "POST" else None, group_queryset=selectors.findable_groups()
    )
    context = {
        "funder": funder,
        "organisations": organisations,
        "find_form": find_form,
        "query": query,
        "results": results,
        "more_than_shown": len(results) >= selectors.FIND_LIMIT,
        "form": form,
        "chosen": str(form["group"].value() or ""),
    }
    if request.method != "POST":
        return _ask_page(request, context)
    usage = _share_request_limit_reached(request)
    if usage:
        # Each request emails a group's coordinators, so a reviewer cannot send a flood of them.
        form.is_valid()
        minutes = max(1, -(-usage["time_left"] // 60))
        form.add_error(
            None,
            ngettext(
                "You have sent a lot of requests in a short time, so we have paused sending for a while. "
                "Please wait about %(minutes)s minute, then send this request again.",
                "You have sent a lot of requests in a short time, so we have paused sending for a while. "
                "Please wait about %(minutes)s minutes, then send this request again.",
                minutes,
            )
            % {"minutes": minutes},
        )
        response = _ask_page(request, context, status=429)
        response["Retry-After"] = str(max(usage["time_left"], 1))
        return response
    if not form.is_valid():
        return _ask_page(request, context)
    _share_requests_sent(request, increment=True)
    group = form.cleaned_data["group"]
    sharing.request_access(funder=funder, group=group, by=request.user, message=form.cleaned_data["message"])
    messages.success(
        request,
        _(
            "Your request has gone to the coordinators of %(group)s. You will get an email if they share. "
            "Until they answer, it is listed as waiting below."
        )
        % {"group": group.name},
    )
    url = reverse("readiness:share_requests")
    return redirect(f"{url}?{urlencode({'funder': funder.slug})}" if len(organisations) > 1 else url)


@sign_in_required
def share_requests(request):
    """The reviewer's organisation's requests to share: those waiting, then those answered."""
    funder, organisations = _funder_for(request)
    requests = selectors.share_requests_of(funder)
    answered = Paginator(requests.exclude(status=RequestStatus.PENDING), portfolio_page_size())
    return render(
        request,
        "readiness/share_requests.html",
        {
            "funder": funder,
            "organisations": organisations,
            "pending": list(requests.filter(status=RequestStatus.PENDING)),
            "page_obj": answered.get_page(request.GET.get("page")),
            "querystring": urlencode({"funder": funder.slug}) if len(organisations) > 1 else "",
        },
    )
