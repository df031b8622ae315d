"""The "Case study review" workflow: case studies are published only after a moderator approves."""

from django.db import transaction
from wagtail.models import Workflow, WorkflowPage

from .. import conf


def case_study_workflow():
    """The active "Case study review" workflow, or None when the site has removed it."""
    return Workflow.objects.filter(name=conf.case_study_workflow_name(), active=True).first()


def assign_case_study_workflow(*, index_page):
    """Make the case study index (and so every case study under it) use "Case study review"."""
    workflow = case_study_workflow()
    if workflow is None:
        return None
    with transaction.atomic():
        WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": workflow})
    return workflow
