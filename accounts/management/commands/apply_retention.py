"""Delete records older than their retention periods (sign-in records, the funder access log, expired downloads)."""

from django.core.management.base import BaseCommand

from accounts.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Delete django-axes sign-in records older than ACCOUNTS_SIGN_IN_RECORDS_RETENTION_DAYS (90), funder "
        "access log entries older than READINESS_ACCESS_LOG_RETENTION_DAYS (730) and expired data downloads, "
        "and say how many went. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted; delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        verb = "Would delete" if dry_run else "Deleted"
        for row in apply_retention(dry_run=dry_run):
            older = f" older than {row.days} days" if row.days is not None else ""
            if row.count is None:
                self.stdout.write(f"{row.what}: not counted in a dry run (they are deleted on their expiry date).")
            else:
                self.stdout.write(f"{verb} {row.count} {row.what}{older}.")
        if dry_run:
            self.stdout.write(self.style.SUCCESS("Dry run: nothing was changed."))
