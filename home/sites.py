"""The request's Wagtail site, found once per content version by each process.

Views that are not Wagtail pages (a group's dashboard, the portfolio) need their site only for the
site's name, menu and footer, and Wagtail looks it up with one query on every request. Sites are
edited in Wagtail's admin, which logs each edit, so the content version (resources.content_version)
moves and every process finds the site afresh.
"""

import copy

from django.http.request import split_domain_port
from wagtail.models import Site

from resources.content_version import content_version

from . import page_cache

# (content version, {(hostname, port): site}) of this process, replaced whole when the version moves.
_kept_sites = (None, {})
# More hosts than a site could serve means something odd: start the map again rather than let it grow.
_MOST_HOSTS = 50


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
