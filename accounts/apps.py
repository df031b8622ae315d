"""App configuration for accounts, and Wagtail's users app pointed at our user forms."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"


class AccountsUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms that know about the display name."""

    user_viewset = "accounts.viewsets.UserViewSet"
