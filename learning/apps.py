"""App configuration for learning: pathways, groups, progress, readiness, sharing and reviews."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    label = "learning"
    verbose_name = _("Pathways and groups")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete

        from . import group_export, group_versions, receivers

        receivers.connect()
        group_versions.connect()
        post_delete.connect(
            group_export.on_export_deleted, sender="learning.GroupExport", dispatch_uid="learning_group_export_file"
        )
