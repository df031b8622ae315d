"""App configuration for readiness: self-assessment, consent-based sharing and funder review."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadinessConfig(AppConfig):
    name = "learning.readiness"
    label = "readiness"
    verbose_name = _("Readiness and funders")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The core offers the registrations; readiness adds its tables to a group's data download, the
        # areas each piece is linked to in the evidence library, its items (rounds, reviews, funders'
        # requests and work) to each person's task lists, each group's latest agreed levels to a
        # facilitator's caseload, its rounds and reviews to each group's milestones, and its kinds of notice
        # with the funder reviewers' audience. New evidence is linked to the areas that suggest it.
        from django.db.models.signals import m2m_changed

        from learning.caseload import register_part as register_caseload_part
        from learning.evidence_library import register_part
        from learning.group_export import register_section
        from learning.milestones import register_provider as register_milestones
        from learning.next_steps import register_provider
        from learning.notices import register_audience, register_kind

        from . import receivers
        from .caseload import latest_levels_part
        from .evidence_library import area_links
        from .group_export import readiness_section
        from .milestones import PROVIDERS as MILESTONE_PROVIDERS
        from .models import FunderOrganisation
        from .next_steps import OWN_WORK_PROVIDERS, PROVIDERS
        from .notices import KINDS, REVIEWER, reviewer_rule, reviewers_changed

        receivers.connect()
        register_part(area_links)
        register_caseload_part(latest_levels_part)
        register_section(readiness_section)
        for provider in PROVIDERS:
            register_provider(provider)
        for provider in OWN_WORK_PROVIDERS:
            register_provider(provider, own_work=True)
        for provider in MILESTONE_PROVIDERS:
            register_milestones(provider)
        register_audience(REVIEWER, reviewer_rule)
        for kind in KINDS:
            register_kind(kind)
        m2m_changed.connect(
            reviewers_changed, sender=FunderOrganisation.reviewers.through, dispatch_uid="readiness_notices_reviewers"
        )
