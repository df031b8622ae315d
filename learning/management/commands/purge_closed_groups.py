"""Delete groups closed longer than LEARNING_CLOSED_GROUP_RETENTION_DAYS, with their records and evidence files."""

from django.core.management.base import BaseCommand

from learning.conf import closed_group_retention_days
from learning.services.closing import purge_closed_groups


class Command(BaseCommand):
    help = (
        "Delete every group closed more than LEARNING_CLOSED_GROUP_RETENTION_DAYS days ago (default 365), "
        "with all its records and its evidence files, and say what was removed. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would be removed, and remove nothing.")

    def handle(self, *args, dry_run=False, **options):
        days = closed_group_retention_days()
        results = purge_closed_groups(dry_run=dry_run, days=days)
        verb = "Would remove" if dry_run else "Removed"
        if not results:
            self.stdout.write(f"No group has been closed for more than {days} days. Nothing to remove.")
            return
        purged = 0
        for result in results:
            closed = f"closed {result.closed_at:%Y-%m-%d}"
            if result.refused:
                self.stdout.write(self.style.WARNING(f"{result.name} ({closed}): not removed, {result.refused}."))
                continue
            purged += 1
            rows = ", ".join(f"{count} {label}" for label, count in result.removed.items())
            self.stdout.write(f"{verb} {result.name} ({closed}): {rows}; {result.files} evidence files.")
        summary = f"{verb} {purged} closed group{'s' if purged != 1 else ''}."
        if dry_run:
            summary += " Dry run: nothing was changed."
        self.stdout.write(self.style.SUCCESS(summary))
