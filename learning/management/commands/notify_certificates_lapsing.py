"""Tell each open group's coordinators, by notice and email, about a certificate that lapses within 60 days (once
for each certificate and date)."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.formats import date_format

from learning import notices, selectors
from learning.models import CommunityGroup, Role
from learning.services.notices import notify


class Command(BaseCommand):
    help = (
        "Make a notice, emailed unless they chose otherwise, for the coordinators of each open group about each "
        "certificate that lapses within 60 days. Each certificate is noticed once for its date, so run it "
        "daily from cron."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        groups = list(CommunityGroup.objects.open())
        found = selectors.certificates_lapsing(groups, today=today)
        lapsing = [
            (group, certificate, f"certificate:{certificate.pk}:{certificate.valid_until:%Y-%m-%d}")
            for group in groups
            for certificate in found.get(group.pk, [])
            if not certificate.lapsed(today)
        ]
        made = 0
        # A certificate told about once is not told again: notify() leaves out those who have its notice.
        for group, certificate, event in lapsing:
            made += notify(
                kind=notices.CERTIFICATE_LAPSING,
                recipients=notices.member_ids(group, role=Role.COORDINATOR),
                event=event,
                url=certificate.get_absolute_url(),
                group=group,
                params={
                    "group": group.name,
                    "pathway": certificate.pathway_title,
                    "date": date_format(certificate.valid_until, "j F Y"),
                },
            )
        self.stdout.write(
            f"Asked for {made} notices (one per coordinator and certificate; those told before left out)."
        )
