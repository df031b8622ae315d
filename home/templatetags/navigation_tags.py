"""Site shell tags: site name, main navigation from the page tree, footer links.

What they read is the same for everyone on a site, so it is kept in the cache under the site's
content version (home/page_cache.py): any publish or settings edit shows at once.
"""

from django import template
from django.core.cache import cache
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from home import page_cache
from home.models import SiteSettings

register = template.Library()


def _kept(request, site, name, load):
    """`load()` for this site, from the cache while the site's content version stays the same."""
    seconds = page_cache.cache_seconds()
    if seconds <= 0:
        return load()
    key = f"hub-shell:{name}:{site.pk}:{page_cache.content_version(request)}"
    return cache.get_or_set(key, load, seconds)


def _site_settings(request):
    if request is None:
        return None
    if not hasattr(request, "_hub_site_settings"):
        site = Site.find_for_request(request)
        request._hub_site_settings = (
            _kept(request, site, "settings", lambda: SiteSettings.for_site(site)) if site else None
        )
    return request._hub_site_settings


@register.simple_tag(takes_context=True)
def site_name(context):
    settings_obj = _site_settings(context.get("request"))
    return settings_obj.site_name if settings_obj else _("Co-production Hub")


@register.simple_tag(takes_context=True)
def site_footer_text(context):
    settings_obj = _site_settings(context.get("request"))
    return settings_obj.footer_text if settings_obj else ""


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    if site:
        items = _kept(
            request,
            site,
            "menu",
            lambda: list(
                site.root_page.get_children()
                .live()
                .public()
                .in_menu()
                # Plain Page rows are enough for a title and a URL; `.specific(defer=True)` with `.only()`
                # reloaded every other column one query at a time (about 24 queries per menu item).
                .only("title", "url_path", "path", "depth")
            ),
        )
    current = context.get("page")
    current_path = current.path if current is not None and hasattr(current, "path") else ""
    return {
        "items": [(item, bool(current_path) and current_path.startswith(item.path)) for item in items],
        "request": request,
    }


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    settings_obj = _site_settings(context.get("request"))
    request = context.get("request")
    links = []
    if settings_obj:
        site = Site.find_for_request(request)
        links = _kept(request, site, "footer", lambda: _footer_pages(settings_obj))
    return {"links": links, "request": request}


def _footer_pages(settings_obj):
    """The live privacy and accessibility pages, in one query, in the order the settings give them."""
    wanted = [settings_obj.privacy_page_id, settings_obj.accessibility_page_id]
    found = Page.objects.live().filter(pk__in=[pk for pk in wanted if pk])
    by_pk = {page.pk: page for page in found.only("title", "url_path", "path", "depth")}
    return [by_pk[pk] for pk in wanted if pk in by_pk]


@register.inclusion_tag("includes/account_links.html", takes_context=True)
def account_links(context):
    return {"request": context.get("request"), "user": getattr(context.get("request"), "user", None)}
