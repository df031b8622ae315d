"""App configuration for accounts, and Wagtail's users app pointed at our user forms."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # import here because a check registers itself on import, once the apps are loaded
        from .two_factor import checks  # noqa: F401


class AccountsUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms that know about the display name."""

    user_viewset = "accounts.viewsets.UserViewSet"
