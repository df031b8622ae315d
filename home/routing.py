"""Deep pages routed in one query: the site's page addresses kept per content version.

Wagtail routes a request one tree level at a time, two queries a level, so a step page five levels
down costs ten before its view starts. `route_deep` answers from a map of every page's address
(`url_path`) to its id and type, read once per process for each content version
(`resources.content_version`, which every publish, unpublish, move, delete and slug change
moves on): the page is then loaded with one query, checked to be still at that address, and routed
by Wagtail's own `route` with nothing left of the path, which answers 404 for a page that is not
live. Nothing else changes: view restrictions, redirects and previews run as before, each site routes
from its own (localised) root, and a path whose way passes a page with its own `route` (a routable
index page) goes Wagtail's way.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from resources.content_version import content_version, kept_in_process
from resources.statements import Prepared

# (content version, addresses) of this process, replaced whole so a thread never sees half of it.
_kept = (None, {})


@kept_in_process
def forget_page_addresses():
    global _kept
    _kept = (None, {})


def page_addresses(request):
    """{url_path: (page id, content type id)} of every page, read once per content version."""
    global _kept
    version = content_version(request)
    if _kept[0] != version:
        addresses = {
            url_path: (page_id, content_type_id)
            for url_path, page_id, content_type_id in Page.objects.values_list("url_path", "id", "content_type_id")
        }
        _kept = (version, addresses)
    return _kept[1]


# The query that loads a page of each type, built once per process (resources.statements).
_PAGE_QUERIES = {}


def _page_of(model, page_id):
    """The page of this type with this id, or None."""
    if model not in _PAGE_QUERIES:
        _PAGE_QUERIES[model] = Prepared(lambda someone: model.objects.filter(pk=someone).order_by())
    return next(iter(_PAGE_QUERIES[model].raw(page_id, model=model)), None)


def _routes_itself(content_type_id):
    """Whether pages of this type have a `route` of their own (it could answer for pages below them)."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model is None or model.route is not Page.route


def route_deep(root, request, path_components):
    """Wagtail's route for `path_components` below `root`, found with one query; None to route Wagtail's way."""
    if len(path_components) < 2:
        return None
    addresses = page_addresses(request)
    url_path = root.url_path + "/".join(path_components) + "/"
    found = addresses.get(url_path)
    if found is None:
        return None
    for depth in range(1, len(path_components)):
        between = addresses.get(root.url_path + "/".join(path_components[:depth]) + "/")
        if between is None or _routes_itself(between[1]):
            return None
    page_id, content_type_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = _page_of(model, page_id) if model is not None else None
    # The map is a hint: a page moved, renamed or deleted without a log entry is routed Wagtail's way.
    if page is None or page.url_path != url_path:
        return None
    return page.route(request, [])
