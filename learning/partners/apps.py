"""App configuration for partners: public bodies, a group's asks of them, their commitments and partner officers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "learning.partners"
    label = "partners"
    verbose_name = _("Partners")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The core offers the registries; partners adds overdue stages and commitments to the task lists of the
        # group's people and its facilitator, and a partner officer's own work; its tables to a group's data
        # download; its kinds of notice (overdue stages and commitments) with the officers' audience; a scope to
        # share its asks and commitments with a funder (readiness shows it, without importing partners); and
        # editors' featured published summaries beside a case study (resources shows them), which leave the case study
        # when their group closes.
        from learning.funder_scopes import register_scope
        from learning.group_export import register_section
        from learning.next_steps import register_provider
        from learning.notices import register_audience, register_kind
        from learning.signals import group_closed, group_reopened
        from resources.case_study_parts import register_part

        from . import case_studies, funders
        from .group_export import partners_section
        from .next_steps import OWN_WORK_PROVIDERS, PROVIDERS
        from .notices import AUDIENCE_RULES, KINDS
        from .services.asks import group_closed_or_reopened

        for provider in PROVIDERS:
            register_provider(provider)
        for provider in OWN_WORK_PROVIDERS:
            register_provider(provider, own_work=True)
        register_section(partners_section)
        for name, rule in AUDIENCE_RULES.items():
            register_audience(name, rule)
        for kind in KINDS:
            register_kind(kind)
        register_scope(funders.SCOPE)
        register_part(case_studies.featured_part, panel=case_studies.featured_panel())
        group_closed.connect(group_closed_or_reopened, dispatch_uid="partners.summaries_of_a_closed_group")
        group_reopened.connect(group_closed_or_reopened, dispatch_uid="partners.summaries_of_a_reopened_group")
