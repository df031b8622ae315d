"""App configuration for resources: co-production guides, case studies and shared content blocks."""

from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    label = "resources"
    verbose_name = _("Guides and case studies")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .models import CaseStudyIndexPage

        post_save.connect(
            _assign_review_workflow, sender=CaseStudyIndexPage, dispatch_uid="resources_case_study_workflow"
        )


def _assign_review_workflow(sender, instance, created, raw=False, **kwargs):
    """A new case study index gets "Case study review" so its case studies wait for a moderator."""
    if created and not raw:
        from .services.workflow import assign_case_study_workflow

        assign_case_study_workflow(index_page=instance)
