"""Tell each open group's coordinators and facilitators, and the invited officers of the body asked, about each
participation request stage and commitment that is overdue (once for each item and due date)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from learning.models import CommunityGroup
from learning.partners.selectors import overdue_for_groups
from learning.partners.services.notices import notify_overdue


class Command(BaseCommand):
    help = (
        "Make a notice, emailed unless they chose otherwise, for the coordinators, facilitators and invited "
        "partner officers of each open group about each participation request stage past its statutory due "
        "date and each commitment past its day and not marked. Each is noticed once for its date, so run it "
        "daily from cron."
    )

    def handle(self, *args, **options):
        groups = list(CommunityGroup.objects.open())
        found = overdue_for_groups([group.pk for group in groups], today=timezone.localdate())
        made = notify_overdue(groups=groups, found=found)
        self.stdout.write(f"Asked for {made} notices (one per person and overdue item; those told before left out).")
