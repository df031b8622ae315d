"""App configuration for resources: co-production guides, case studies and shared content blocks."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    label = "resources"
    verbose_name = _("Guides and case studies")
    default_auto_field = "django.db.models.BigAutoField"
