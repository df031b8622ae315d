"""Keeps pages meant for one signed-in person out of every shared and browser cache.

Dashboards, members pages with live invitation links, readiness pages and funder reviews are all
answered to a signed-in person. Without cache headers a proxy, CDN or a shared computer's browser
may keep them and show them to the next person, so every response to someone signed in is marked
`Cache-Control: private, no-store` and `Vary: Cookie`. Responses to visitors are left as they are,
so a site may still cache its public pages.
"""

from django.db import DatabaseError
from django.utils.cache import patch_cache_control, patch_vary_headers


def is_signed_in(request):
    # `user` is missing when a middleware above AuthenticationMiddleware answered on its own.
    user = getattr(request, "user", None)
    if user is None:
        return False
    try:
        return user.is_authenticated
    except DatabaseError:
        # The session could not be read (the database went away mid-request). Whoever it is, the
        # answer must not be kept, and raising here would turn the outage page into a 500.
        return True


def mark_private(response):
    """Mark the response as for this person alone, keeping what it already says (no-cache, max-age=0...)."""
    # patch_cache_control drops `public` when `private` is set and never removes no-store.
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ("Cookie",))
    return response


class PrivateResponseMiddleware:
    """Marks every response to a signed-in person `Cache-Control: private, no-store`, `Vary: Cookie`.

    It looks at `request.user` on the way out, once AuthenticationMiddleware (below it) has set it, so
    it belongs just above SessionMiddleware: every response from below then passes through it last,
    including a page cache answering in `process_view` and redirects that CommonMiddleware or
    LocaleMiddleware swap in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_signed_in(request):
            mark_private(response)
        return response
