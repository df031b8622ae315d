"""Queries the readiness pages share: the framework, a group's profile within a scope, the portfolio."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FilteredRelation,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.utils import timezone, translation
from wagtail.coreutils import get_supported_content_language_variant

from resources.content_version import kept_per_content_version
from resources.places import PLACE_CHOICES

from ..models import COMPLETE_STATUSES, Evidence, PathwayProgress, StepProgress
from . import permissions
from .conf import framework_cache_seconds
from .models import (
    AgreedLevel,
    AssessmentRound,
    Decision,
    DomainStep,
    EvidenceDomainLink,
    FunderRequirement,
    FunderThreshold,
    PortfolioTally,
    ReadinessDomain,
    ReadinessReview,
    RequestStatus,
    ReviewReply,
    ShareGrant,
    ShareRequest,
)
from .models.framework import default_language
from .models.portfolio import ANY
from .rating import EvidenceFact, suggest_rating


@dataclass(frozen=True)
class Scope:
    """What a viewer may see of a group's profile: everything for the group, a grant's scope for a funder."""

    progress: bool = True
    self_assessment: bool = True
    evidence: bool = True

    @classmethod
    def of_grant(cls, grant):
        return cls(
            progress=grant.share_progress,
            self_assessment=grant.share_self_assessment,
            evidence=grant.share_evidence,
        )


EVERYTHING = Scope()


def content_language(language=None):
    """The content language to show: `language`, or the active one; the default when neither is offered."""
    try:
        return get_supported_content_language_variant(language or translation.get_language())
    except LookupError:
        return default_language()


@kept_per_content_version(
    "readiness-framework", seconds=framework_cache_seconds, key=lambda language=None: content_language(language)
)
def framework(language=None):
    """Every domain with its levels, indicators, suggested evidence and helpful steps, in `language` (the
    active language when not given) where translated: five queries, three more in another language.

    The rows are the default-language ones groups' records point at, one a domain whatever the languages.
    """
    language = content_language(language)
    rows = list(
        ReadinessDomain.objects.canonical().prefetch_related(
            "levels",
            "indicators",
            "suggested_evidence",
            Prefetch("step_links", queryset=DomainStep.objects.select_related("step").order_by("sort_order")),
        )
    )
    for domain in rows:
        for link in domain.step_links.all():
            # Worked out once per content version, not for every link on every profile shown.
            link.step.profile_url = link.step.url
    return localize_domains(rows, language, children=("levels", "indicators"))


def domains(language=None, *, with_levels=False):
    """The domains in order, in `language` where translated (with their level descriptors if asked):
    one query, or two with levels; one or two more in another language."""
    queryset = ReadinessDomain.objects.canonical()
    children = ("levels",) if with_levels else ()
    return localize_domains(list(queryset.prefetch_related(*children)), language, children=children)


@kept_per_content_version(
    "readiness-domains", seconds=framework_cache_seconds, key=lambda language=None: content_language(language)
)
def kept_domains(language=None):
    """`domains(language)` kept under the content version, for a page that reads the domains' names and ids
    on every request (the portfolio): no query while the framework is unchanged. Shared: read only."""
    return domains(language)


# The text of each translatable child of a domain, by its relation's name.
CHILD_TEXT = {"levels": "descriptor", "indicators": "text"}


def localize_domains(rows, language=None, *, children=()):
    """Show domains (default-language rows from any query) in `language`: name, summary and why it matters,
    and the text of the prefetched `children` ("levels", "indicators"). English stays where a translation is
    missing, and the rows keep their ids. No query in the default language; else one, and one a child relation.
    """
    language = content_language(language)
    keys = {domain.translation_key for domain in rows}
    if language == default_language() or not keys:
        return rows
    translations = ReadinessDomain.objects.filter(
        locale__language_code=language, translation_key__in=keys
    ).prefetch_related(*children)
    by_key = {item.translation_key: item for item in translations}
    for domain in rows:
        translated = by_key.get(domain.translation_key)
        if translated is None:
            continue
        for name in ("name", "summary", "why_it_matters"):
            setattr(domain, name, getattr(translated, name) or getattr(domain, name))
        for relation in children:
            field_name = CHILD_TEXT[relation]
            texts = {item.translation_key: getattr(item, field_name) for item in getattr(translated, relation).all()}
            for child in getattr(domain, relation).all():
                setattr(child, field_name, texts.get(child.translation_key) or getattr(child, field_name))
    return rows


def latest_closed_round(group):
    return AssessmentRound.objects.closed().filter(group=group).order_by("-closed_at", "-pk").first()


def latest_levels(groups):
    """Each group's latest closed round and its agreed levels by area: ({group id: round}, {group id: {area id:
    level}}), two queries however many groups."""
    group_ids = [group.pk for group in groups]
    if not group_ids:
        return {}, {}
    latest = AssessmentRound.objects.closed().filter(group=OuterRef("group_id")).order_by("-closed_at", "-pk")
    rounds = {
        assessment_round.group_id: assessment_round
        for assessment_round in AssessmentRound.objects.closed()
        .filter(group_id__in=group_ids)
        .filter(pk=Subquery(latest.values("pk")[:1]))
    }
    levels = defaultdict(dict)
    by_round = {assessment_round.pk: group_id for group_id, assessment_round in rounds.items()}
    for round_id, domain_id, level in AgreedLevel.objects.filter(round_id__in=list(by_round)).values_list(
        "round_id", "domain_id", "level"
    ):
        levels[by_round[round_id]][domain_id] = level
    return rounds, levels


@dataclass
class DomainProfile:
    domain: object
    agreed: object = None
    descriptor: str = ""
    evidence: list = field(default_factory=list)
    steps: list = field(default_factory=list)
    steps_done: int = 0

    @property
    def level(self):
        return self.agreed.level if self.agreed else None


@dataclass
class Profile:
    group: object
    scope: Scope
    assessment_round: object
    domains: list
    pathways: list

    @property
    def strongest(self):
        """Domains at their highest agreed levels first: what the group has before what is next."""
        agreed = [row for row in self.domains if row.level]
        return sorted(agreed, key=lambda row: (-row.level, row.domain.sort_order))


def shared_evidence(group, scope=EVERYTHING):
    """The group's evidence a funder may see within `scope` (the rule itself is in permissions)."""
    if not scope.evidence:
        return Evidence.objects.none()
    return permissions.evidence_shared_by(group)


def readiness_profile(group, scope=EVERYTHING):
    """The group's readiness as `scope` allows: the latest closed round, evidence and progress."""
    domains = framework()
    assessment_round = latest_closed_round(group) if scope.self_assessment else None
    agreed = {}
    if assessment_round is not None:
        agreed = {row.domain_id: row for row in assessment_round.agreed_levels.all()}
    evidence_by_domain = defaultdict(list)
    if scope.evidence:
        links = (
            EvidenceDomainLink.objects.filter(evidence__in=shared_evidence(group, scope))
            .select_related("evidence")
            .order_by("evidence__title", "evidence__pk")
        )
        for link in links:
            evidence_by_domain[link.domain_id].append(link.evidence)
    statuses = {}
    pathways = []
    if scope.progress:
        step_ids = {link.step_id for domain in domains for link in domain.step_links.all()}
        statuses = dict(StepProgress.objects.filter(group=group, step_id__in=step_ids).values_list("step_id", "status"))
        pathways = list(
            PathwayProgress.objects.filter(group=group).select_related("pathway").order_by("pathway__title")
        )
    rows = []
    for domain in domains:
        row = DomainProfile(domain=domain, agreed=agreed.get(domain.pk), evidence=evidence_by_domain[domain.pk])
        if row.agreed:
            row.descriptor = next((lvl.descriptor for lvl in domain.levels.all() if lvl.level == row.level), "")
        if scope.progress:
            row.steps = [(link.step, statuses.get(link.step_id)) for link in domain.step_links.all() if link.step.live]
            row.steps_done = sum(1 for _step, status in row.steps if status in COMPLETE_STATUSES)
        rows.append(row)
    return Profile(group=group, scope=scope, assessment_round=assessment_round, domains=rows, pathways=pathways)


def suggestions_for(profile, funder, today=None):
    """The Hub's suggested rating per domain for this funder, from what the profile's scope shows.

    Evidence counts toward every area's requirements once it is linked to any area, as the funder sees it.
    """
    today = today or timezone.localdate()
    thresholds = dict(FunderThreshold.objects.filter(funder=funder).values_list("domain_id", "minimum_level"))
    required = defaultdict(list)
    for domain_id, evidence_type in FunderRequirement.objects.filter(funder=funder).values_list(
        "domain_id", "evidence_type"
    ):
        required[domain_id].append(evidence_type)
    # The evidence the profile shows (its scope's shared evidence), so the rating never rests on a file
    # the reviewer cannot see; one piece linked to several areas counts once.
    shown = {item.pk: item for row in profile.domains for item in row.evidence}
    facts = [EvidenceFact(item.evidence_type, item.valid_until) for item in shown.values()]
    return {
        row.domain: suggest_rating(
            required_types=required[row.domain.pk],
            evidence=facts,
            agreed_level=row.level,
            threshold=thresholds.get(row.domain.pk),
            today=today,
        )
        for row in profile.domains
    }


# --- The funder's portfolio ------------------------------------------------------------------------

SORTS = ("name", "readiness", "activity")


def portfolio_grants(funder, *, place="", decision="", sort="name", at=None):
    """Live grants to the funder, one a group, with the group, filtered and ordered by their stored summaries.

    Each grant carries only what its scope covers (`services.summaries`), so nothing unshared can leak
    through sorting or filtering, and nothing here looks past the grant row and its group.
    """
    grants = ShareGrant.objects.live(at).filter(funder=funder).select_related("group")
    if place:
        grants = grants.filter(group__place=place)
    if decision == "none":
        grants = grants.filter(summary_decision="")
    elif decision:
        grants = grants.filter(summary_decision=decision)
    # By the grant's own copy of the group's name: the name order walks an index (`ShareGrant.Meta`).
    if sort == "readiness":
        grants = grants.order_by(F("summary_readiness").desc(nulls_last=True), "group_name", "pk")
    elif sort == "activity":
        grants = grants.order_by(F("summary_activity_at").desc(nulls_last=True), "group_name", "pk")
    else:
        grants = grants.order_by("group_name", "pk")
    return grants


@dataclass(frozen=True, slots=True)
class ShownGroup:
    """What a portfolio row shows of a group."""

    name: str
    slug: str
    place: str


@dataclass(frozen=True, slots=True)
class ShownGrant:
    """What a portfolio row shows of a grant and the access log writes of it, read as plain values: a page
    of 25 rows built no model objects (they cost a quarter of the page's query)."""

    pk: int
    group_id: int
    funder_id: int
    share_progress: bool
    share_self_assessment: bool
    summary_levels: dict
    summary_assessed_at: object
    summary_decision: str
    group: ShownGroup


_SHOWN_GRANT_FIELDS = (
    "pk",
    "group_id",
    "funder_id",
    "share_progress",
    "share_self_assessment",
    "summary_levels",
    "summary_assessed_at",
    "summary_decision",
    "group__name",
    "group__slug",
    "group__place",
)


def shown_grants(grants, *, chunk_size=None):
    """`grants` (a queryset of `portfolio_grants`, sliced or not) as `ShownGrant`s, with one query: a list, or
    with `chunk_size` an iterator that holds that many rows at a time (an export of thousands)."""
    values = grants.values_list(*_SHOWN_GRANT_FIELDS)
    if chunk_size is None:
        return [ShownGrant(*row[:8], group=ShownGroup(*row[8:])) for row in values]
    return (ShownGrant(*row[:8], group=ShownGroup(*row[8:])) for row in values.iterator(chunk_size=chunk_size))


@dataclass
class PortfolioRow:
    grant: object
    pathways: list

    @property
    def group(self):
        return self.grant.group

    @property
    def levels(self):
        """{domain id: agreed level} of the latest closed round, empty where the grant does not share it."""
        return {int(domain_id): level for domain_id, level in self.grant.summary_levels.items()}

    @property
    def latest_decision(self):
        """The funder's latest decision on the group by name, or "" before its first review."""
        value = self.grant.summary_decision
        return _DECISION_NAMES.get(value, value)


# Lazy names: each reads in the language active when it is shown.
_DECISION_NAMES = dict(Decision.choices)


@dataclass(frozen=True)
class PathwayTitle:
    title: str


@dataclass(frozen=True)
class PathwayShare:
    """A group's progress on one pathway as the portfolio shows it: `pathway.title` and `percent`."""

    pathway: PathwayTitle
    percent: int


def pathway_progress_of(grants):
    """{group id: its progress by pathway title (`PathwayShare`)} for the grants that share progress (one query).

    `grants` is a list or a queryset; a queryset is asked inside the one query, never row by row. Plain
    values, not pages: an export of thousands of groups builds no page objects.
    """
    if isinstance(grants, QuerySet):
        group_ids = grants.filter(share_progress=True).order_by().values("group_id")
    else:
        group_ids = [grant.group_id for grant in grants if grant.share_progress]
    pathways = defaultdict(list)
    titles = {}
    for group_id, percent, title in (
        PathwayProgress.objects.filter(group_id__in=group_ids)
        .order_by("pathway__title", "pk")
        .values_list("group_id", "percent", "pathway__title")
    ):
        pathway = titles.setdefault(title, PathwayTitle(title))
        pathways[group_id].append(PathwayShare(pathway=pathway, percent=percent))
    return pathways


def portfolio_rows(grants):
    """Rows for one page of grants: one query for their pathways however many rows."""
    grants = list(grants)
    pathways = pathway_progress_of(grants)
    return [PortfolioRow(grant=grant, pathways=pathways[grant.group_id]) for grant in grants]


@dataclass
class Distribution:
    """How many groups are at each agreed level per domain ({domain id: {level: count}}), out of `total`."""

    counts: dict
    total: int


@dataclass
class PortfolioOverview:
    """The portfolio's chart and total with the page's filters (`distribution`), and every place it has."""

    distribution: Distribution
    places: list


def _decision_counted(decision):
    """The decision of the counts the page's decision filter reads ("none": not reviewed; "": any)."""
    if decision == "none":
        return ""
    return decision or ANY


def portfolio_overview(funder, *, place="", decision="", at=None):
    """The funder's portfolio counts with these filters, in one query of one row however many groups share,
    or None when they must be counted again first (never counted, or a grant counted has expired since:
    `services.portfolio_counts`)."""
    at = at or timezone.now()
    shown = FilteredRelation(
        "counts", condition=Q(counts__place=place or ANY, counts__decision=_decision_counted(decision))
    )
    row = (
        PortfolioTally.objects.filter(funder=funder)
        .annotate(shown=shown)
        .values_list("good_until", "places", "shown__groups", "shown__levels")
        .first()
    )
    if row is None or (row[0] is not None and row[0] <= at):
        return None
    _good_until, places, total, levels = row
    counts = defaultdict(lambda: defaultdict(int))
    for domain_id, groups_at in (levels or {}).items():
        for level, groups in groups_at.items():
            counts[int(domain_id)][int(level)] = groups
    return PortfolioOverview(distribution=Distribution(counts=counts, total=total or 0), places=places)


def group_reviews(group, funder=None):
    reviews = ReadinessReview.objects.filter(group=group).select_related("funder", "reviewer")
    if funder is not None:
        reviews = reviews.filter(funder=funder)
    return reviews.prefetch_related(
        Prefetch("replies", queryset=ReviewReply.objects.select_related("author")),
        "domain_ratings__domain",
        "suggested_steps",
    )


def rounds_with_counts(group):
    return (
        AssessmentRound.objects.filter(group=group)
        .select_related("opened_by", "closed_by")
        .annotate(
            agreed_count=Count("agreed_levels", distinct=True), raters=Count("member_ratings__member", distinct=True)
        )
        .order_by("-opened_at", "-pk")
    )


def spread(assessment_round):
    """Members' ratings per domain: {domain_id: {level: count}} and the ratings themselves."""
    ratings = assessment_round.member_ratings.select_related("member").order_by("domain_id", "level", "pk")
    by_domain = defaultdict(list)
    for rating in ratings:
        by_domain[rating.domain_id].append(rating)
    return by_domain


# --- Funders finding groups, their requests, and groups that stopped sharing -------------------------

FIND_LIMIT = 20


def findable_groups():
    """Groups a funder may find and ask: open ones whose coordinator chose to be findable (the rule's own query)."""
    return permissions.findable_groups()


def find_groups(query, *, limit=FIND_LIMIT):
    """Findable groups whose name or place (by its name, such as "Fife") contains the words typed."""
    query = " ".join(query.split())
    if not query:
        return []
    places = [value for value, label in PLACE_CHOICES if value and query.casefold() in str(label).casefold()]
    matches = findable_groups().filter(Q(name__icontains=query) | Q(place__in=places))
    return list(matches.order_by("name", "pk")[:limit])


def ask_states(funder, groups):
    """For each group found, whether it already shares with the funder or has its request waiting (two queries)."""
    ids = [group.pk for group in groups]
    sharing = set(ShareGrant.objects.live().filter(funder=funder, group_id__in=ids).values_list("group_id", flat=True))
    pending = set(
        ShareRequest.objects.filter(funder=funder, group_id__in=ids, status=RequestStatus.PENDING).values_list(
            "group_id", flat=True
        )
    )
    return {
        group.pk: "sharing" if group.pk in sharing else "pending" if group.pk in pending else "" for group in groups
    }


def share_requests_of(funder):
    """The funder's own requests, newest first: what another funder asked is never among them."""
    return ShareRequest.objects.filter(funder=funder).select_related("group", "requested_by", "responded_by")


# --- What the home page's task lists need (each one query however many groups) ----------------------

HOME_REPLY_DAYS = 30
HOME_FUNDER_LIMIT = 10


def open_rounds_for(groups, user):
    """Each group's open round (at most one a group), with how many areas the person has rated in it
    (`my_ratings`) and how many the group has agreed (`agreed`)."""
    group_ids = [group.pk for group in groups]
    if not group_ids:
        return {}
    rounds = (
        AssessmentRound.objects.open()
        .filter(group_id__in=group_ids)
        .annotate(
            my_ratings=Count("member_ratings__domain", filter=Q(member_ratings__member=user), distinct=True),
            agreed=Count("agreed_levels", distinct=True),
        )
        .order_by("opened_at", "pk")
    )
    return {assessment_round.group_id: assessment_round for assessment_round in rounds}


def area_count():
    return ReadinessDomain.objects.canonical().count()


def unanswered_reviews(groups):
    """Funders' reviews of these groups that nobody in the group has answered yet, oldest first."""
    group_ids = [group.pk for group in groups]
    if not group_ids:
        return []
    replies = ReviewReply.objects.filter(review=OuterRef("pk"))
    return list(
        ReadinessReview.objects.filter(group_id__in=group_ids)
        .exclude(Exists(replies))
        .select_related("funder")
        .order_by("created_at", "pk")
    )


def pending_requests_to(groups):
    """Funders' requests to share with these groups that are waiting for an answer, oldest first."""
    group_ids = [group.pk for group in groups]
    if not group_ids:
        return []
    return list(
        ShareRequest.objects.filter(group_id__in=group_ids, status=RequestStatus.PENDING)
        .select_related("funder")
        .order_by("created_at", "pk")
    )


def live_grants_of(organisations):
    """Live grants to these funder organisations (the reviewer's own, from `permissions`)."""
    return ShareGrant.objects.live().filter(funder__in=organisations)


def grants_not_reviewed(organisations, *, limit=HOME_FUNDER_LIMIT):
    """Up to `limit` + 1 live grants whose group the granted funder has never reviewed, oldest first
    (the extra one says there are more)."""
    reviewed = ReadinessReview.objects.filter(group=OuterRef("group_id"), funder=OuterRef("funder_id"))
    return list(
        live_grants_of(organisations)
        .exclude(Exists(reviewed))
        .select_related("group", "funder")
        .order_by("granted_at", "pk")[: limit + 1]
    )


def recent_replies_to(organisations, *, days=HOME_REPLY_DAYS, limit=HOME_FUNDER_LIMIT):
    """Groups' replies in the last `days` to these funders' reviews, newest first, only from groups that
    still share with the funder that wrote the review."""
    since = timezone.now() - timedelta(days=days)
    sharing = live_grants_of(organisations).filter(
        group_id=OuterRef("review__group_id"), funder_id=OuterRef("review__funder_id")
    )
    return list(
        ReviewReply.objects.filter(review__funder__in=organisations, created_at__gte=since)
        .filter(Exists(sharing))
        .select_related("review__group", "review__funder")
        .order_by("-created_at", "-pk")[:limit]
    )


def pending_requests_from(organisations, *, limit=HOME_FUNDER_LIMIT):
    """These funders' requests still waiting for an open group's answer, oldest first."""
    return list(
        ShareRequest.objects.filter(funder__in=organisations, status=RequestStatus.PENDING, group__closed_at=None)
        .select_related("group", "funder")
        .order_by("created_at", "pk")[:limit]
    )


# --- The funder's cohort: figures over every group sharing with the funder -------------------------

COHORT_EXPIRY_DAYS = 60
COHORT_LIST_LIMIT = 20


@dataclass
class Cohort:
    """What the cohort page shows. Each figure counts only groups whose live grant covers it, and says how many.

    `levels_now` / `levels_before`: {domain_id: {level: groups}} at each group's latest closed round and the
    one before; `moved`: {domain_id: {"up": n, "same": n, "down": n}} for groups with both rounds agreed.
    """

    sharing: int
    progress: int
    self_assessment: int
    evidence: int
    assessed: int
    compared: int
    levels_now: dict
    levels_before: dict
    moved: dict
    inactive_count: int
    inactive: list
    expiring_count: int
    expiring_group_count: int
    expiring_groups: list
    awaiting_count: int
    awaiting: list


def cohort_grants(funder, at=None):
    """Live grants to the funder, with each group's latest closed round and the one before, where the grant
    shares self-assessment (empty otherwise, so an unshared round can never be counted)."""
    rounds = AssessmentRound.objects.closed().filter(group=OuterRef("group_id")).order_by("-closed_at", "-pk")
    shares_rounds = Q(share_self_assessment=True)
    return (
        ShareGrant.objects.live(at)
        .filter(funder=funder)
        .annotate(
            last_round_id=Case(When(shares_rounds, then=Subquery(rounds.values("pk")[:1]))),
            previous_round_id=Case(When(shares_rounds, then=Subquery(rounds.values("pk")[1:2]))),
        )
        .order_by()
    )


def _levels_in(round_ids):
    counts = defaultdict(dict)
    for domain_id, level, number in (
        AgreedLevel.objects.filter(round_id__in=round_ids)
        .values("domain_id", "level")
        .annotate(number=Count("pk"))
        .values_list("domain_id", "level", "number")
    ):
        counts[domain_id][level] = number
    return counts


def _moved(grants):
    """Per domain, how many groups' agreed level went up, stayed or went down from the round before (one query)."""
    before = AgreedLevel.objects.filter(
        domain_id=OuterRef("domain_id"),
        round__group_id=OuterRef("round__group_id"),
        round_id__in=grants.values("previous_round_id"),
    ).values("level")[:1]
    moved = defaultdict(lambda: {"up": 0, "same": 0, "down": 0})
    for row in (
        AgreedLevel.objects.filter(round_id__in=grants.values("last_round_id"))
        .annotate(before=Subquery(before))
        .filter(before__isnull=False)
        .values("domain_id")
        .annotate(
            up=Count("pk", filter=Q(level__gt=F("before"))),
            same=Count("pk", filter=Q(level=F("before"))),
            down=Count("pk", filter=Q(level__lt=F("before"))),
        )
    ):
        moved[row["domain_id"]] = {key: row[key] for key in ("up", "same", "down")}
    return moved


def _inactive(grants, since):
    """Groups sharing progress with no progress recorded since `since` (or none at all), longest quiet first."""
    last_progress = (
        PathwayProgress.objects.filter(group=OuterRef("group_id"), last_activity_at__isnull=False)
        .order_by("-last_activity_at")
        .values("last_activity_at")
    )
    quiet = (
        grants.filter(share_progress=True)
        .annotate(last_activity=Subquery(last_progress[:1]))
        .filter(Q(last_activity__isnull=True) | Q(last_activity__lt=since))
    )
    listed = quiet.select_related("group").order_by(F("last_activity").asc(nulls_first=True), "group__name", "pk")
    return quiet.count(), list(listed[:COHORT_LIST_LIMIT])


def _expiring(funder, today, at=None):
    """Shared evidence running out within COHORT_EXPIRY_DAYS with nothing newer of its type: pieces, and the
    groups that hold them (soonest first)."""
    newer = Evidence.objects.current().filter(
        group_id=OuterRef("group_id"), evidence_type=OuterRef("evidence_type"), added_at__gt=OuterRef("added_at")
    )
    expiring = (
        permissions.evidence_shared_with(funder, at)
        .filter(valid_until__gte=today, valid_until__lte=today + timedelta(days=COHORT_EXPIRY_DAYS))
        .exclude(Exists(newer))
    )
    by_group = list(
        expiring.values("group_id", "group__name", "group__slug")
        .annotate(pieces=Count("pk"), soonest=Min("valid_until"))
        .order_by("soonest", "group__name")
    )
    return sum(row["pieces"] for row in by_group), len(by_group), by_group[:COHORT_LIST_LIMIT]


def _awaiting_reply(funder, grants):
    """The funder's reviews of groups sharing with it that nobody in the group has answered yet, oldest first."""
    replies = ReviewReply.objects.filter(review=OuterRef("pk"))
    reviews = ReadinessReview.objects.filter(funder=funder, group_id__in=grants.values("group_id")).exclude(
        Exists(replies)
    )
    return reviews.count(), list(reviews.select_related("group").order_by("created_at", "pk")[:COHORT_LIST_LIMIT])


def cohort(funder, *, quiet_days, at=None):
    """The cohort figures for `funder`: a fixed number of queries however many groups share with it."""
    at = at or timezone.now()
    grants = cohort_grants(funder, at)
    counts = grants.aggregate(
        sharing=Count("pk"),
        progress=Count("pk", filter=Q(share_progress=True)),
        self_assessment=Count("pk", filter=Q(share_self_assessment=True)),
        evidence=Count("pk", filter=Q(share_evidence=True)),
        assessed=Count("pk", filter=Q(last_round_id__isnull=False)),
        compared=Count("pk", filter=Q(previous_round_id__isnull=False)),
    )
    inactive_count, inactive = _inactive(grants, at - timedelta(days=quiet_days))
    expiring_count, expiring_group_count, expiring_groups = _expiring(funder, timezone.localdate(at), at)
    awaiting_count, awaiting = _awaiting_reply(funder, grants)
    return Cohort(
        **counts,
        levels_now=_levels_in(grants.values("last_round_id")),
        levels_before=_levels_in(grants.values("previous_round_id")),
        moved=_moved(grants),
        inactive_count=inactive_count,
        inactive=inactive,
        expiring_count=expiring_count,
        expiring_group_count=expiring_group_count,
        expiring_groups=expiring_groups,
        awaiting_count=awaiting_count,
        awaiting=awaiting,
    )
