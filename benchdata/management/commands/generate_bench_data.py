"""generate_bench_data: benchmark volume (groups, members, progress, readiness, shares, reviews).

Refuses to run with DEBUG off unless forced, as `load_demo` does: it makes accounts with a known password.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from benchdata.builder import Builder, funder_email


class Command(BaseCommand):
    help = (
        "Make sure N bench groups exist, with members, enrolments at varied progress, reflections, evidence "
        "notes, closed self-assessment rounds, shares with bench funders and reviews. Adds only what is "
        "missing, so it can grow the data from 100 to 5,000 groups. Never run it on a real site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--groups", type=int, required=True, help="how many bench groups should exist")
        parser.add_argument("--pathways", type=int, default=2, help="bench pathways to make (default 2)")
        parser.add_argument("--steps", type=int, default=20, help="steps per bench pathway (default 20)")
        parser.add_argument("--members", type=int, default=4, help="members per group, coordinator included")
        parser.add_argument("--funders", type=int, default=3, help="bench funder organisations (default 3)")
        parser.add_argument(
            "--shared", type=int, default=2000, help="groups shared with the first bench funder (default 2,000)"
        )
        parser.add_argument("--via-services", type=int, default=10, help="groups built through the services")
        parser.add_argument("--seed", type=int, default=2026, help="random seed, for repeatable data")
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off (never on a real site).")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "generate_bench_data refuses to run with DEBUG off, because it creates accounts with a known "
                "password. Use --force if this really is a bench or test database."
            )
        started = time.monotonic()
        builder = Builder(
            pathways=options["pathways"],
            steps=options["steps"],
            members=options["members"],
            funders=options["funders"],
            shared=options["shared"],
            seed=options["seed"],
            password=getattr(settings, "DEMO_PASSWORD", "co-produce-2026"),
            via_services=options["via_services"],
            stdout=self.stdout,
        )
        # Sharing and reviews send emails; bench addresses must never reach a real mail server.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            added = builder.build(options["groups"])
        self.stdout.write(
            self.style.SUCCESS(f"{added:,} bench groups added in {time.monotonic() - started:.0f}s.")
            + f" Bench accounts use the demo password; the busiest funder reviewer is {funder_email(1)}."
        )
