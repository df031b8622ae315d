"""Which readiness domains a piece of the group's evidence supports.

Evidence of a type an area suggests is linked to that area by the Hub when it is added
(`link_suggested_areas`, from readiness.receivers); the group changes the links on the "Change areas"
page (`set_evidence_domains`). An area the group takes a piece out of is remembered, so the Hub never
links it there again by itself.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ...group_versions import bump_groups
from ...models import Evidence
from .. import permissions
from ..models import DeclinedEvidenceLink, EvidenceDomainLink, SuggestedEvidence


def suggested_domain_ids(evidence):
    """The areas that suggest this evidence's type, that it is not linked to yet and that the group has not
    taken it out of (one query)."""
    return set(
        SuggestedEvidence.objects.filter(evidence_type=evidence.evidence_type)
        .exclude(domain__declined_evidence_links__evidence=evidence)
        .exclude(domain__evidence_links__evidence=evidence)
        .values_list("domain_id", flat=True)
    )


def link_suggested_areas(*, evidence, by=None):
    """Link current evidence to every area that suggests its type, unless the group took it out of that area.

    The Hub's own step when evidence is added (whoever added it was allowed to), and what the
    `link_suggested_evidence` command does for evidence kept before. Running it again adds nothing: two
    queries, one to find the areas and one to link them. Returns the number of links made.
    """
    if evidence.removed_at is not None:
        return 0
    wanted = suggested_domain_ids(evidence)
    if wanted:
        EvidenceDomainLink.objects.bulk_create(
            [
                EvidenceDomainLink(evidence=evidence, domain_id=pk, linked_by=by, automatic=True)
                for pk in sorted(wanted)
            ],
            ignore_conflicts=True,  # two additions of the same link at once leave one (the unique constraint)
        )
        bump_groups(evidence.group_id)
    return len(wanted)


@transaction.atomic
def set_evidence_domains(*, evidence, domains, by):
    """Make the evidence's domain links exactly `domains`; an area it is taken out of is not linked again
    by the Hub, and one the group links by hand is theirs (no longer "linked by the Hub")."""
    if evidence.removed_at is not None or not permissions.can_link_evidence(by, evidence.group_id):
        raise PermissionDenied
    wanted = {domain.pk for domain in domains}
    links = EvidenceDomainLink.objects.filter(evidence=evidence)
    taken_out = set(links.exclude(domain_id__in=wanted).values_list("domain_id", flat=True))
    if taken_out:
        links.filter(domain_id__in=taken_out).delete()
        DeclinedEvidenceLink.objects.bulk_create(
            [DeclinedEvidenceLink(evidence=evidence, domain_id=pk, declined_by=by) for pk in sorted(taken_out)],
            ignore_conflicts=True,
        )
    existing = set(links.values_list("domain_id", flat=True))
    added = wanted - existing
    if added:
        DeclinedEvidenceLink.objects.filter(evidence=evidence, domain_id__in=added).delete()
        EvidenceDomainLink.objects.bulk_create(
            [EvidenceDomainLink(evidence=evidence, domain_id=pk, linked_by=by) for pk in sorted(added)]
        )
    bump_groups(evidence.group_id)


def link_existing_evidence(*, dry_run=False):
    """Link evidence kept before the Hub linked it by itself, once: `link_suggested_areas` for each current
    piece of a suggested type in an open group. Returns {"name (slug)": links made (or that would be)}."""
    suggested = set(SuggestedEvidence.objects.values_list("evidence_type", flat=True))
    made = {}
    pieces = (
        Evidence.objects.current()
        .filter(evidence_type__in=suggested, group__closed_at__isnull=True)
        .select_related("group", "added_by")
        .order_by("group__name", "pk")
    )
    for evidence in pieces:
        if dry_run:
            count = len(suggested_domain_ids(evidence))
        else:
            count = link_suggested_areas(evidence=evidence, by=evidence.added_by)
        if count:
            name = f"{evidence.group.name} ({evidence.group.slug})"
            made[name] = made.get(name, 0) + count
    return made
