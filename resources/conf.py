"""Settings the resources app reads, each with a default so a host site need not set them."""

from django.conf import settings


def base_template():
    """The host site's base template that every resources template extends."""
    return getattr(settings, "RESOURCES_BASE_TEMPLATE", "base.html")
