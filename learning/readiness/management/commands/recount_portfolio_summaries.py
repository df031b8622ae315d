"""Recount every grant's portfolio summary from the raw rows (the services keep it as things change)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from learning.readiness.services.summaries import recount


class Command(BaseCommand):
    help = (
        "Work out again, from the groups' rounds, progress and the funders' reviews, what each grant's line in "
        "its funder's portfolio shows. The Hub keeps these as things change; run this after loading data "
        "by other means (a restore, bulk inserts) or to check nothing has drifted. Each funder's portfolio counts "
        "(its chart, total and places) are made again after. Safe to run at any time."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            count = recount()
        self.stdout.write(self.style.SUCCESS(f"Recounted {count} grant{'s' if count != 1 else ''}."))
