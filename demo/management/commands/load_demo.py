"""Load the demo content and accounts. Safe to run twice; refuses to run with DEBUG off unless forced."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from demo.two_factor import accounts_with_demo_code, demo_secret_text, give_demo_second_factor

# Each loader builds its app's demo content through the same models and services editors
# and users go through, and returns the demo accounts it made as (role, email, what for).
DEMO_LOADERS = [
    "demo.home.load",
    "demo.resources.load",
    "demo.learning.load",
    # After learning: a meeting of one of its groups, through the meetings' service.
    "demo.meetings.load",
    # After the pages it translates (home, resources, learning).
    "demo.gaelic_content.load",
    "demo.readiness.load",
    # After the readiness areas it names in Gaelic.
    "demo.gaelic_content.load_readiness_areas",
    "demo.partners.load",
    "demo.easy_read.load",
]


def run_loaders(*, password, stdout):
    """Run every demo loader in one transaction; return the demo accounts they made."""
    accounts = []
    with transaction.atomic():
        for path in DEMO_LOADERS:
            accounts.extend(import_string(path)(password=password, stdout=stdout) or [])
        give_demo_second_factor([email for _role, email, _purpose in accounts])
    return accounts


class Command(BaseCommand):
    help = "Create or refresh the demo content and demo accounts. Safe to run more than once."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off (never on a real site).")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_demo refuses to run with DEBUG off, because it creates accounts with a known "
                "password. Use --force if this really is a demo or test site."
            )
        password = getattr(settings, "DEMO_PASSWORD", "co-produce-2026")
        accounts = run_loaders(password=password, stdout=self.stdout)
        with_code = accounts_with_demo_code([email for _role, email, _purpose in accounts])
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(f"Demo sign-ins (all use the password {password!r}):")
        for role, email, purpose in accounts:
            marker = "*" if email in with_code else " "
            self.stdout.write(f"{marker} {role:<12} {email:<28} {purpose}")
        if with_code:
            self.stdout.write(
                "* also asks for a code from an authenticator app (two-step sign-in). Add this secret key to\n"
                "  any authenticator app once (time-based, 6 digits, every 30 seconds) and type the code it shows:\n"
                f"  {demo_secret_text()}"
            )
