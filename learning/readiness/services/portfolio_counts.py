"""Each funder's portfolio counts (`models.PortfolioTally`), made again from its live grants whenever they change.

Every write that changes what a portfolio counts calls `recount` for the funders concerned, in its own
transaction: a grant given or stopped, a grant's stored levels or decision (`services.summaries`), a
group's place, a group closed or reopened (`receivers`). A grant deleted with its group only marks its
funder's counts as no longer holding (`forget`), and so does time: an expiry writes nothing, so a tally
holds only until the earliest expiry among the grants it counted (`good_until`). The portfolio has
counts that no longer hold made again before it reads them. The funders' rows are locked first, so
two writers count one after the other and the later one sees what the earlier committed.
"""

from collections import defaultdict

from django.apps import apps as global_apps
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from ..models import ShareGrant
from ..models.portfolio import ANY


def _models(apps):
    return (
        apps.get_model("readiness", "FunderOrganisation"),
        apps.get_model("readiness", "ShareGrant"),
        apps.get_model("readiness", "PortfolioTally"),
        apps.get_model("readiness", "PortfolioCount"),
    )


class _Count:
    def __init__(self):
        self.groups = 0
        self.levels = defaultdict(lambda: defaultdict(int))

    def add(self, levels):
        self.groups += 1
        for domain_id, level in levels.items():
            self.levels[str(domain_id)][str(level)] += 1


class _Tally:
    def __init__(self):
        self.counts = defaultdict(_Count)
        self.places = set()
        self.good_until = None

    def add(self, place, decision, levels, expires_at):
        keys = {(ANY, ANY), (ANY, decision)}
        if place:
            self.places.add(place)
            keys |= {(place, ANY), (place, decision)}
        for key in keys:
            self.counts[key].add(levels)
        if expires_at is not None and (self.good_until is None or expires_at < self.good_until):
            self.good_until = expires_at


def live_grants(ShareGrant, at):
    """`ShareGrant.objects.live(at)` spelt out, so the data migration's historical model counts the same grants."""
    return ShareGrant.objects.filter(revoked_at__isnull=True, group__closed_at__isnull=True).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=at)
    )


# No savepoint: every writer calls it inside its own transaction, whose rollback undoes the counts with the rest.
@transaction.atomic(savepoint=False)
def recount(funders, *, at=None, apps=global_apps):
    """Count the live grants of each of these funders again and store the counts (five queries however many).

    `funders` are their ids, or a query of them (asked inside the query that locks them, at no extra cost); `at`
    is the moment counted (now unless given); `apps` lets the data migration pass its historical models.
    """
    FunderOrganisation, ShareGrant, PortfolioTally, PortfolioCount = _models(apps)
    # Locked in one order, so writers on the same funders wait for each other, and never for each other in a ring.
    locked = FunderOrganisation.objects.select_for_update().filter(pk__in=funders).order_by("pk")
    funder_ids = list(locked.values_list("pk", flat=True))
    if not funder_ids:
        return
    at = at or timezone.now()
    tallies = {funder_id: _Tally() for funder_id in funder_ids}
    grants = live_grants(ShareGrant, at).filter(funder_id__in=funder_ids)
    for funder_id, place, decision, levels, expires_at in grants.values_list(
        "funder_id", "group__place", "summary_decision", "summary_levels", "expires_at"
    ):
        tallies[funder_id].add(place, decision, levels, expires_at)
    PortfolioCount.objects.filter(tally_id__in=funder_ids).delete()
    PortfolioTally.objects.bulk_create(
        [
            PortfolioTally(funder_id=funder_id, counted_at=at, good_until=tally.good_until, places=sorted(tally.places))
            for funder_id, tally in tallies.items()
        ],
        update_conflicts=True,
        unique_fields=["funder"],
        update_fields=["counted_at", "good_until", "places"],
    )
    PortfolioCount.objects.bulk_create(
        PortfolioCount(tally_id=funder_id, place=place, decision=decision, groups=count.groups, levels=count.levels)
        for funder_id, tally in tallies.items()
        for (place, decision), count in tally.counts.items()
    )


@transaction.atomic(savepoint=False)
def forget(funder_ids):
    """Make these funders' counts say they no longer hold, so their portfolio counts again before it reads them.

    For a grant deleted with its group: a purge or a rebuild of bench data deletes thousands, and two
    queries each beat counting a funder again for each. The funders are locked first, as `recount` does,
    so a recount under way cannot write over the mark with counts made before the deletion.
    """
    FunderOrganisation, _ShareGrant, PortfolioTally, _PortfolioCount = _models(global_apps)
    list(FunderOrganisation.objects.select_for_update().filter(pk__in=funder_ids).order_by("pk").values_list("pk"))
    PortfolioTally.objects.filter(funder_id__in=funder_ids).update(good_until=F("counted_at"))


def recount_all(*, apps=global_apps):
    """Count every funder's portfolio again (the data migration, and after bulk-built data)."""
    FunderOrganisation = apps.get_model("readiness", "FunderOrganisation")
    recount(FunderOrganisation.objects.values("pk"), apps=apps)


def funders_of_open_grants(**filters):
    """The funders holding a grant not stopped that matches `filters`, as a query of their ids for `recount`."""
    return ShareGrant.objects.filter(revoked_at__isnull=True, **filters).values("funder_id")
