"""Recount every group's stored progress on every pathway from the live steps."""

from django.core.management.base import BaseCommand

from learning.models import PathwayPage
from learning.services.progress import recalculate_pathway


class Command(BaseCommand):
    help = "Recount every group's stored progress (done, total, percent) on every pathway."

    def handle(self, *args, **options):
        groups = 0
        for pathway in PathwayPage.objects.all():
            groups += recalculate_pathway(pathway)
        self.stdout.write(f"Recounted {groups} group progress records.")
