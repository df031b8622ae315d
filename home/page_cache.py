"""The visitor page cache: whole Wagtail pages kept for people who are not signed in.

A page is stored by the `on_serve_page` hook (home/wagtail_hooks.py) after Wagtail has routed it and
checked its view restrictions, and only when it has none; the middleware below hands it out again
before routing, so a cached page costs the same however deep it sits in the page tree.

Every key carries the site's content version: the newest entry in Wagtail's page and model logs, which
every publish, unpublish, move, delete, view restriction and settings or snippet edit writes. Reading it
is one indexed query, so a publish through any app server or worker process shows at once everywhere,
whatever the cache backend. Signed-in people, previews, requests with messages waiting and responses
that set cookies or carry a CSRF token are never read from or written to this cache.
"""

import hashlib

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from wagtail import views as wagtail_views

from resources.content_version import content_version

CACHE_HEADER = "X-Page-Cache"


def cache_seconds():
    """How long a page is kept (HUB_PAGE_CACHE_SECONDS; 0 switches the cache off).

    HUB_PAGE_CACHE_SKIP_PATHS lists paths that are always served fresh.
    """
    return int(getattr(settings, "HUB_PAGE_CACHE_SECONDS", 600))


def is_cacheable_request(request):
    if cache_seconds() <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if request.path in getattr(settings, "HUB_PAGE_CACHE_SKIP_PATHS", ()):
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    # A message waiting for this visitor (e.g. "You have signed out") belongs on their page only;
    # len() looks without marking the messages as read.
    return not len(get_messages(request))


def page_cache_key(request):
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    digest = hashlib.md5(where.encode(), usedforsecurity=False).hexdigest()
    return f"hub-page:{content_version(request)}:{language}:{digest}"


def is_cacheable_response(request, response):
    if response.status_code != 200 or response.streaming or response.cookies or response.has_header("Vary"):
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-cache" in cache_control or "no-store" in cache_control:
        return False
    # A page that rendered {% csrf_token %} holds a token for this visitor alone.
    return not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")


def serve_and_store(page, request, serve):
    """Serve the page with `serve()`, keeping a copy when a visitor may be given it again."""
    if not is_cacheable_request(request):
        return serve()
    response = serve()
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    # Restricted pages (password, sign-in, groups) are always served through Wagtail's own checks.
    if is_cacheable_response(request, response) and not page.get_view_restrictions().exists():
        kept = {"content": response.content, "content_type": response["Content-Type"]}
        cache.set(page_cache_key(request), kept, cache_seconds())
        response[CACHE_HEADER] = "miss"
    return response


class VisitorPageCacheMiddleware:
    """Hands a visitor a page kept by `serve_and_store` before Wagtail routes the request.

    Works in `process_view`, so a cached answer still passes back through every other middleware
    (security headers, content security policy, sessions) on its way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or not is_cacheable_request(request):
            return None
        kept = cache.get(page_cache_key(request))
        if kept is None:
            return None
        response = HttpResponse(kept["content"], content_type=kept["content_type"])
        response[CACHE_HEADER] = "hit"
        return response
