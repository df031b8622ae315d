"""What readiness plugs in when it starts (`connect`, from ReadinessConfig.ready).

Evidence of a type a readiness area suggests is linked to that area as it is added, in the same
transaction as the evidence itself: Django's `post_save` for the core's `Evidence` is the hook, so the
core never needs to know that readiness exists, and evidence added anywhere (a step, the library, the
admin, the demo) is linked alike. The link is made once: an area the group took the piece out of stays
out (`services.evidence.link_suggested_areas`).

The funders' portfolio summaries follow the group's pathway activity the same way: `post_save` for the
core's `PathwayProgress`, saved by the one progress service in the transaction that changed progress.
"""

from django.db.models.signals import post_save

from ..models import Evidence, PathwayProgress
from .services import summaries
from .services.evidence import link_suggested_areas


def link_new_evidence(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        link_suggested_areas(evidence=instance, by=instance.added_by)


def keep_portfolio_activity(sender, instance, raw=False, **kwargs):
    """The core's progress service saved a group's pathway summary: the funders' portfolios follow."""
    if not raw:
        summaries.after_progress(group_id=instance.group_id, activity_at=instance.last_activity_at)


def connect():
    post_save.connect(link_new_evidence, sender=Evidence, dispatch_uid="readiness_link_new_evidence")
    post_save.connect(keep_portfolio_activity, sender=PathwayProgress, dispatch_uid="readiness_portfolio_activity")
