"""`manage.py check --deploy` warns when a live site does not ask for a second factor."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def two_factor_required(app_configs, **kwargs):
    problems = []
    if not getattr(settings, "ACCOUNTS_TWO_FACTOR_REQUIRED", True):
        problems.append(
            Warning(
                "ACCOUNTS_TWO_FACTOR_REQUIRED is off: staff, funder reviewers and facilitators can reach "
                "many groups' data with a password alone.",
                hint="Remove ACCOUNTS_TWO_FACTOR_REQUIRED from the environment (it is on by default).",
                id="accounts.W010",
            )
        )
    needed = ["django_otp.middleware.OTPMiddleware", "accounts.middleware.TwoFactorMiddleware"]
    missing = [name for name in needed if name not in settings.MIDDLEWARE]
    if missing:
        problems.append(
            Warning(
                f"Two-step sign-in is not enforced: MIDDLEWARE lacks {', '.join(missing)}.",
                id="accounts.W011",
            )
        )
    return problems
