"""The request's Wagtail site, found once per content version by each process.

Wagtail looks the site up with one query on every request, and a page it serves then loads the site's
home page again (`root_page.specific`) before routing below it. Views that are not Wagtail pages (a
group's dashboard, the portfolio) need their site for the site's name, menu and footer; Wagtail's own
pages need it to route. Sites are edited in Wagtail's admin, which logs each edit, so the content
version (resources.content_version) moves and every process finds the site afresh; so does any
publish, move or unpublish of the home page.
"""

import copy

from django.conf import settings
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Site

from resources.content_version import content_version, kept_in_process

from . import page_cache
from .middleware import DATABASE_DOWN_ERRORS

# (content version, {(hostname, port): site}, {(hostname, port, language): home page}) of this process,
# replaced whole when the version moves.
_kept_sites = (None, {}, {})
# More hosts than a site could serve means something odd: start the map again rather than let it grow.
_MOST_HOSTS = 50


@kept_in_process
def forget_kept_sites():
    global _kept_sites
    _kept_sites = (None, {}, {})


def find_site(request):
    """Wagtail's `Site.find_for_request`, answered from the sites kept under the content version.

    A page routed by Wagtail has found its site already. With the page cache switched off (the tests),
    the site is looked up each time, as Wagtail does.
    """
    global _kept_sites
    if request is None or hasattr(request, "_wagtail_site") or page_cache.cache_seconds() <= 0:
        return Site.find_for_request(request)
    kept = _kept_now(request)[1]
    host = _host(request)
    if host not in kept:
        kept[host] = Site.find_for_request(request)
    # Each request its own copy, so nothing one request sets on its site reaches another.
    request._wagtail_site = copy.copy(kept[host])
    return request._wagtail_site


def _kept_now(request):
    """What this process keeps for the content version the request reads, started afresh when it moved."""
    global _kept_sites
    version = content_version(request)
    if _kept_sites[0] != version or len(_kept_sites[1]) > _MOST_HOSTS:
        _kept_sites = (version, {}, {})
    return _kept_sites


def _host(request):
    # The raw host, as Wagtail reads it: the host was checked against ALLOWED_HOSTS before any view ran.
    return (split_domain_port(request._get_raw_host())[0], request.get_port())


def _home_page(request, site):
    """Wagtail's `site.root_page.localized.specific`, kept per host and language under the content version.

    Wagtail asks for the active language's `Locale` (and, in any language but the site's own, the home
    page's translation) on every page it serves. A new language or translation is published or saved
    through the admin, which logs it, so the version moves and the home page is found afresh.
    """
    kept = _kept_now(request)[2]
    which = (*_host(request), translation.get_language())
    if which not in kept:
        kept[which] = site.root_page.localized.specific
    return kept[which]


def route(request, path):
    """Wagtail's `Page.route_for_request` from the kept site and home page, kept on the request as it keeps it."""
    site = find_site(request)
    try:
        found = _home_page(request, site).route(request, [part for part in path.split("/") if part]) if site else None
    except Http404:
        found = None
    request._wagtail_route_for_request = found
    return found


class KeptSiteMiddleware:
    """Gives a request that Wagtail will serve its site from those kept under the content version.

    The request is routed here (`route`) from the kept site's home page in the active language, kept per
    content version, and Wagtail's `serve` takes the route the request already carries: a page costs no
    site, language or home page query. Cached pages never get here (the visitor page cache answers first).
    HUB_KEPT_SITE_SKIP_PATHS lists paths that Wagtail finds its site for as it always does (bench/run's
    baseline, the simplest page as Wagtail itself serves it).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or request.path in getattr(settings, "HUB_KEPT_SITE_SKIP_PATHS", ()):
            return None
        try:
            if page_cache.cache_seconds() > 0 and view_args:
                route(request, view_args[0])
            else:
                find_site(request)
        except DATABASE_DOWN_ERRORS:
            # Left to Wagtail's view, which looks the site up again: an outage raised there reaches the
            # outage middleware's process_exception (the 503 page), where one raised here would not.
            pass
        return None
