"""Link the evidence groups kept before the Hub linked it by itself to the readiness areas that suggest its type."""

from django.core.management.base import BaseCommand

from learning.readiness.services.evidence import link_existing_evidence


class Command(BaseCommand):
    help = (
        "Link each group's current evidence to the readiness areas that suggest its type, as the Hub now does "
        "when evidence is added. Run it once after upgrading, having told groups that share evidence with "
        "funders: a linked piece is one those funders see. Areas a group took a piece out of stay out; running "
        "it again links nothing new unless an editor has since suggested more types for an area."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would be linked, and link nothing.")

    def handle(self, *args, dry_run=False, **options):
        made = link_existing_evidence(dry_run=dry_run)
        verb = "Would link" if dry_run else "Linked"
        for name, count in made.items():
            self.stdout.write(f"{name}: {count} {_links(count)}.")
        total = sum(made.values())
        groups = f"{len(made)} group{'s' if len(made) != 1 else ''}"
        summary = f"{verb} {total} {_links(total)} in {groups}."
        if dry_run:
            summary += " Dry run: nothing was changed."
        self.stdout.write(self.style.SUCCESS(summary))


def _links(count):
    return "link from evidence to an area" if count == 1 else "links from evidence to areas"
