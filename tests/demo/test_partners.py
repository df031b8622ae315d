"""The demo: Riverside's participation request to Glasgow City Council, its commitments and housing officer."""

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from learning.partners import selectors
from learning.partners.models import Ask, CommitmentStatus, PartnerContact, PublicBody


def test_demo_builds_riverside_s_request_commitments_officer_and_four_cos(demo, client):
    assert PublicBody.objects.filter(name="Glasgow City Council", identifier="S12000049").exists()
    ask = Ask.objects.get(group__slug="riverside-tenants-together", title="Repairs in the Riverside flats")
    rows = {row.stage: row for row in selectors.timeline(ask)}
    assert rows["validated"].record is not None
    assert rows["decided"].record is None and rows["decided"].due_on > timezone.localdate()
    statuses = sorted((c.status, c.is_overdue(timezone.localdate())) for c in ask.commitments.all())
    assert statuses == [(CommitmentStatus.KEPT, False), (CommitmentStatus.OPEN, True)]
    contact = PartnerContact.objects.get(group=ask.group, user__email="officer@example.org")
    assert contact.is_active and contact.body.name == "Glasgow City Council"
    _answers, four_cos = selectors.four_cos(ask)
    assert [row.differ for row in four_cos] == [True, False, False, True]
    client.force_login(contact.user)
    assert "Riverside Tenants Together" in client.get(reverse("partners:officer_home")).text
    call_command("load_demo", force=True)  # a second run changes nothing
    assert Ask.objects.filter(title="Repairs in the Riverside flats").count() == 1
