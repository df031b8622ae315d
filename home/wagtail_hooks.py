"""Wagtail hooks of the site: every public page is served through the visitor page cache."""

from wagtail import hooks

from .page_cache import serve_and_store


@hooks.register("on_serve_page")
def cache_pages_for_visitors(next_serve_page):
    # Runs after Wagtail's `before_serve_page` view-restriction check; only unrestricted pages are kept.
    def serve(page, request, args, kwargs):
        return serve_and_store(page, request, lambda: next_serve_page(page, request, args, kwargs))

    return serve
