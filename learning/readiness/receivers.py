"""What readiness plugs in when it starts (`connect`, from ReadinessConfig.ready).

Evidence of a type a readiness area suggests is linked to that area as it is added, in the same
transaction as the evidence itself: Django's `post_save` for the core's `Evidence` is the hook, so the
core never needs to know that readiness exists, and evidence added anywhere (a step, the library, the
admin, the demo) is linked alike. The link is made once: an area the group took the piece out of stays
out (`services.evidence.link_suggested_areas`).
"""

from django.db.models.signals import post_save

from ..models import Evidence
from .services.evidence import link_suggested_areas


def link_new_evidence(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        link_suggested_areas(evidence=instance, by=instance.added_by)


def connect():
    post_save.connect(link_new_evidence, sender=Evidence, dispatch_uid="readiness_link_new_evidence")
