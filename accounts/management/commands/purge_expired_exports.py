"""Delete data downloads (personal and group) past their expiry, and ones that failed, with their files.

Schedule it daily (cron or the platform's scheduler): `python manage.py purge_expired_exports`.
"""

from django.core.management.base import BaseCommand

from accounts.data_export import purge_expired_exports


class Command(BaseCommand):
    help = "Delete expired personal and group data downloads and their files."

    def handle(self, *args, **options):
        count = purge_expired_exports()
        self.stdout.write(f"Deleted {count} expired data download(s).")
