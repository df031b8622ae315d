"""Tell each open group's coordinators about evidence that is out of date or runs out within 30 days (once each)."""

from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils.formats import date_format

from learning import notices, selectors
from learning.models import CommunityGroup, Role
from learning.services.notices import notify


class Command(BaseCommand):
    help = (
        "Make a notice for the coordinators of each open group about each piece of evidence that is out of "
        "date or runs out within 30 days and has no newer copy. Each piece is noticed once per date, so run "
        "it daily from cron."
    )

    def handle(self, *args, **options):
        groups = list(CommunityGroup.objects.open())
        found = selectors.evidence_to_renew(groups)
        made = 0
        for group in groups:
            for evidence in found.get(group.pk, []):
                made += notify(
                    kind=notices.EVIDENCE_RUNNING_OUT,
                    recipients=notices.member_ids(group, role=Role.COORDINATOR),
                    event=f"evidence:{evidence.pk}:{evidence.valid_until:%Y-%m-%d}",
                    url=reverse("learning:evidence_add", kwargs={"slug": group.slug}),
                    group=group,
                    params={
                        "title": evidence.title,
                        "group": group.name,
                        "date": date_format(evidence.valid_until, "j F Y"),
                    },
                )
        self.stdout.write(f"Asked for {made} notices (one per coordinator and piece of evidence; repeats kept once).")
