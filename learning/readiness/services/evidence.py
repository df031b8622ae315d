"""Which readiness domains a piece of the group's evidence supports."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from .. import permissions
from ..models import EvidenceDomainLink


@transaction.atomic
def set_evidence_domains(*, evidence, domains, by):
    """Make the evidence's domain links exactly `domains`."""
    if evidence.removed_at is not None or not permissions.can_link_evidence(by, evidence.group_id):
        raise PermissionDenied
    wanted = {domain.pk for domain in domains}
    EvidenceDomainLink.objects.filter(evidence=evidence).exclude(domain_id__in=wanted).delete()
    existing = set(EvidenceDomainLink.objects.filter(evidence=evidence).values_list("domain_id", flat=True))
    EvidenceDomainLink.objects.bulk_create(
        [EvidenceDomainLink(evidence=evidence, domain_id=pk, linked_by=by) for pk in sorted(wanted - existing)]
    )
