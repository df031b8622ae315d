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
from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.models import Site

from resources.content_version import content_version, kept_in_process

from . import page_cache
from .middleware import DATABASE_DOWN_ERRORS

# (content version, {(hostname, port): site}) of this process, replaced whole when the version moves.
_kept_sites = (None, {})
# More hosts than a site could serve means something odd: start the map again rather than let it grow.
_MOST_HOSTS = 50


@kept_in_process
def forget_kept_sites():
    global _kept_sites
    _kept_sites = (None, {})


def find_site(request):
    """Wagtail's `Site.find_for_request`, answered from the sites kept under the content version.

    A page routed by Wagtail has found its site already. With the page cache switched off (the tests),
    the site is looked up each time, as Wagtail does.
    """
    global _kept_sites
    if request is None or hasattr(request, "_wagtail_site") or page_cache.cache_seconds() <= 0:
        return Site.find_for_request(request)
    version = content_version(request)
    kept = _kept_sites[1]
    if _kept_sites[0] != version or len(kept) > _MOST_HOSTS:
        kept = {}
        _kept_sites = (version, kept)
    # The raw host, as Wagtail reads it: the host was checked against ALLOWED_HOSTS before any view ran.
    host = (split_domain_port(request._get_raw_host())[0], request.get_port())
    if host not in kept:
        kept[host] = Site.find_for_request(request)
    # Each request its own copy, so nothing one request sets on its site reaches another.
    request._wagtail_site = copy.copy(kept[host])
    return request._wagtail_site


class KeptSiteMiddleware:
    """Gives a request that Wagtail will serve its site from those kept under the content version.

    Wagtail's `route_for_request` reads the site the request already carries, so a page costs no site
    query, and the kept site's home page keeps its `specific` self for the content version, so routing
    starts without loading it again. Cached pages never get here (the visitor page cache answers first).
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
            find_site(request)
        except DATABASE_DOWN_ERRORS:
            # Left to Wagtail's view, which looks the site up again: an outage raised there reaches the
            # outage middleware's process_exception (the 503 page), where one raised here would not.
            pass
        return None
