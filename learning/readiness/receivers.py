"""What readiness plugs in when it starts (`connect`, from ReadinessConfig.ready).

Evidence of a type a readiness area suggests is linked to that area as it is added, in the same
transaction as the evidence itself: Django's `post_save` for the core's `Evidence` is the hook, so the
core never needs to know that readiness exists, and evidence added anywhere (a step, the library, the
admin, the demo) is linked alike. The link is made once: an area the group took the piece out of stays
out (`services.evidence.link_suggested_areas`).

The funders' portfolio summaries follow the group's pathway activity the same way: `post_save` for the
core's `PathwayProgress`, saved by the one progress service in the transaction that changed progress.
And their counts follow a group's place and its closing or reopening (`post_save` for `CommunityGroup`,
from the services or the admin) in the same transaction; a grant deleted with its group (`post_delete`)
marks its funder's counts as no longer holding, so they are made again before they are next read. The
grants' copy of the group's name, which the portfolios sort by, follows a rename the same way.
"""

from django.db.models.signals import post_delete, post_save

from ..models import CommunityGroup, Evidence, PathwayProgress
from .models import ShareGrant
from .services import portfolio_counts, summaries
from .services.evidence import link_suggested_areas


def link_new_evidence(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        link_suggested_areas(evidence=instance, by=instance.added_by)


def keep_portfolio_activity(sender, instance, raw=False, **kwargs):
    """The core's progress service saved a group's pathway summary: the funders' portfolios follow."""
    if not raw:
        summaries.after_progress(group_id=instance.group_id, activity_at=instance.last_activity_at)


# What of a group the portfolios count: its place, and whether it is open (a closed group's grants are not live).
COUNTED_GROUP_FIELDS = {"place", "closed_at"}


def recount_portfolios_of_group(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """A group saved with a new place, closed, reopened (or saved whole): its funders' portfolios are counted again."""
    if created or raw or (update_fields is not None and not COUNTED_GROUP_FIELDS & set(update_fields)):
        return
    portfolio_counts.recount(portfolio_counts.funders_of_open_grants(group_id=instance.pk))


def keep_group_name_on_grants(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """A group saved with a new name: its grants' copy of it (the portfolios' name order) follows at once."""
    if created or raw or (update_fields is not None and "name" not in update_fields):
        return
    ShareGrant.objects.filter(group_id=instance.pk).exclude(group_name=instance.name).update(group_name=instance.name)


def forget_portfolio_of_deleted_grant(sender, instance, **kwargs):
    """A grant not stopped was deleted (with its group): its funder's portfolio is counted again before it is read."""
    if instance.revoked_at is None:
        portfolio_counts.forget([instance.funder_id])


def connect():
    post_save.connect(link_new_evidence, sender=Evidence, dispatch_uid="readiness_link_new_evidence")
    post_save.connect(keep_portfolio_activity, sender=PathwayProgress, dispatch_uid="readiness_portfolio_activity")
    post_save.connect(recount_portfolios_of_group, sender=CommunityGroup, dispatch_uid="readiness_portfolio_groups")
    post_save.connect(keep_group_name_on_grants, sender=CommunityGroup, dispatch_uid="readiness_grant_group_names")
    post_delete.connect(forget_portfolio_of_deleted_grant, sender=ShareGrant, dispatch_uid="readiness_portfolio_grants")
