"""App configuration for readiness: self-assessment, consent-based sharing and funder review."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadinessConfig(AppConfig):
    name = "learning.readiness"
    label = "readiness"
    verbose_name = _("Readiness and funders")
    default_auto_field = "django.db.models.BigAutoField"
