"""App configuration for partners: public bodies, a group's asks of them, their commitments and partner officers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "learning.partners"
    label = "partners"
    verbose_name = _("Partners")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The core offers the registry; partners adds overdue stages and commitments to the task lists of the
        # group's people and its facilitator, and a partner officer's own work.
        from learning.next_steps import register_provider

        from .next_steps import OWN_WORK_PROVIDERS, PROVIDERS

        for provider in PROVIDERS:
            register_provider(provider)
        for provider in OWN_WORK_PROVIDERS:
            register_provider(provider, own_work=True)
