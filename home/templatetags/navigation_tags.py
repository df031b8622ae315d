"""Site shell tags: site name, main navigation from the page tree, footer links.

What they read is the same for everyone on a site, so it is kept in the cache under the site's
content version (home/page_cache.py): any publish or settings edit shows at once.
"""

import functools

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse, translate_url
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page

from home import locale, page_cache, sites
from home.models import SiteSettings
from resources.content_version import remembered

register = template.Library()


def _kept(request, site, name, load):
    """`load()` for this site, from the cache while the site's content version stays the same."""
    seconds = page_cache.cache_seconds()
    if seconds <= 0:
        return load()
    key = f"hub-shell:{name}:{site.pk}:{translation.get_language()}:{page_cache.content_version(request)}"
    return remembered(key, load, seconds)


def _site_settings(request):
    if request is None:
        return None
    if not hasattr(request, "_hub_site_settings"):
        site = sites.find_site(request)
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


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The site's menu, its section of the current page marked: kept as HTML for each section."""
    request = context.get("request")
    site = sites.find_site(request)
    items = []
    if site:
        items = _kept(
            request,
            site,
            "menu",
            lambda: list(
                _localized_root(site)
                .get_children()
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
    marked = [(item, bool(current_path) and current_path.startswith(item.path)) for item in items]
    section = next((str(number) for number, (_item, is_current) in enumerate(marked) if is_current), "none")
    return _kept_html(
        request, site, f"menu-html:{section}", "includes/main_navigation.html", {"items": marked, "request": request}
    )


@register.simple_tag(takes_context=True)
def footer_links(context):
    """The footer's links, kept as HTML."""
    settings_obj = _site_settings(context.get("request"))
    request = context.get("request")
    links = []
    site = sites.find_site(request) if settings_obj else None
    if site:
        links = _kept(request, site, "footer", lambda: _footer_pages(settings_obj))
    return _kept_html(request, site, "footer-html", "includes/footer_links.html", {"links": links, "request": request})


def _kept_html(request, site, name, template_name, values):
    """`template_name` rendered with `values`, kept as HTML for the site like what it is made of (`_kept`):
    the menu and footer cost a template render and a page address a link otherwise, on every page."""
    if site is None:
        return render_to_string(template_name, values)
    # Safe: the template escaped what it shows when it was rendered.
    return mark_safe(_kept(request, site, name, lambda: str(render_to_string(template_name, values))))  # noqa: S308


def _in_default_language():
    return translation.get_language() == settings.LANGUAGE_CODE


def _localized_root(site):
    """The site's home page in the active language, or the English one when it has no translation."""
    root = site.root_page
    if _in_default_language():
        return root
    gaelic = Page.objects.filter(translation_key=root.translation_key, locale__language_code=translation.get_language())
    return gaelic.first() or root


def _footer_pages(settings_obj):
    """The live privacy and accessibility pages, in the order the settings give them, each in the active
    language where it has a translation and as chosen (English) where it has none."""
    wanted = [pk for pk in (settings_obj.privacy_page_id, settings_obj.accessibility_page_id) if pk]
    fields = ("title", "url_path", "path", "depth", "translation_key")
    chosen = Page.objects.live().filter(pk__in=wanted).only(*fields).in_bulk()
    if not _in_default_language():
        translated = Page.objects.live().filter(
            translation_key__in=[page.translation_key for page in chosen.values()],
            locale__language_code=translation.get_language(),
        )
        by_key = {page.translation_key: page for page in translated.only(*fields)}
        chosen = {pk: by_key.get(page.translation_key, page) for pk, page in chosen.items()}
    return [chosen[pk] for pk in wanted if pk in chosen]


@register.inclusion_tag("includes/account_links.html", takes_context=True)
def account_links(context):
    return {"request": context.get("request"), "user": getattr(context.get("request"), "user", None)}


@register.simple_tag
def fixed_url(name):
    """`{% url name %}` for a URL that takes no arguments, reversed once for each language, script prefix and
    URLconf (the account links and sign-in links on every page)."""
    return _fixed_url(name, translation.get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@functools.lru_cache(maxsize=256)
def _fixed_url(name, _language, _script_prefix, _urlconf):
    return reverse(name)


@register.simple_tag
def home_url():
    """The home page's address in the active language."""
    return _home_url(translation.get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@functools.lru_cache(maxsize=64)
def _home_url(language, _script_prefix, _urlconf):
    """`translate_url("/", language)` (a resolve and a reverse), worked out once for each language, script
    prefix and URLconf, the only things it depends on."""
    return translate_url("/", language)


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """The other languages, each a link to this page in it (or to English with a notice)."""
    request = context.get("request")
    page = context.get("self") if isinstance(context.get("self"), Page) else None
    links = locale.switcher_links(request, page) if request is not None else []
    return {"links": links}


@register.inclusion_tag("includes/language_alternates.html", takes_context=True)
def language_alternates(context):
    request = context.get("request")
    page = context.get("self") if isinstance(context.get("self"), Page) else None
    if request is None or page is None or getattr(request, "is_preview", False):
        return {"alternates": []}
    return {"alternates": locale.alternates(request, page)}


@register.inclusion_tag("includes/language_fallback.html", takes_context=True)
def language_fallback_notice(context):
    """A notice on an English page reached by asking for another language it is not written in yet."""
    request = context.get("request")
    page = context.get("self") if isinstance(context.get("self"), Page) else None
    wanted = request.GET.get(locale.FALLBACK_PARAMETER) if request is not None else None
    if page is None or wanted not in locale.language_codes() or wanted == translation.get_language():
        return {"wanted": None}
    return {"wanted": wanted, "wanted_name": dict(settings.LANGUAGES)[wanted]}
