"""App configuration for resources: co-production guides, case studies and shared content blocks."""

from django.apps import AppConfig
from django.db.models.signals import post_save, pre_delete
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_unpublished, workflow_cancelled, workflow_rejected


class ResourcesConfig(AppConfig):
    name = "resources"
    label = "resources"
    verbose_name = _("Guides and case studies")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import WorkflowState

        from . import receivers
        from .models import CaseStudyIndexPage, CaseStudyPage

        post_save.connect(
            _assign_review_workflow, sender=CaseStudyIndexPage, dispatch_uid="resources_case_study_workflow"
        )
        # A story's photo stays as private as the story: see resources/receivers.py.
        for signal, receiver, sender in [
            (page_published, receivers.story_published, CaseStudyPage),
            (page_unpublished, receivers.story_unpublished, CaseStudyPage),
            (workflow_rejected, receivers.review_ended_without_publishing, WorkflowState),
            (workflow_cancelled, receivers.review_ended_without_publishing, WorkflowState),
            (pre_delete, receivers.story_deleted, CaseStudyPage),
        ]:
            signal.connect(receiver, sender=sender, dispatch_uid=f"resources_{receiver.__name__}")


def _assign_review_workflow(sender, instance, created, raw=False, **kwargs):
    """A new case study index gets "Case study review" so its case studies wait for a moderator."""
    if created and not raw:
        # Import here because apps.py loads before the app registry, and the service imports models.
        from .services.workflow import assign_case_study_workflow

        assign_case_study_workflow(index_page=instance)
