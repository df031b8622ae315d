"""App configuration for the home and standard pages of the Hub site."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    label = "home"
    verbose_name = _("Home and standard pages")
    default_auto_field = "django.db.models.BigAutoField"
