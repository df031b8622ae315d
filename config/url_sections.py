"""URL sections at the site's root that a request skips at once when its address cannot be theirs.

The apps' URLs sit at the root (`/groups/...`, `/funders/...`), ahead of Wagtail's pages, which come
last and match any address. Django tries every pattern in order, so each page of the site (a guide, a
step, the home page) was first tried against the eighty-odd patterns of the four apps: about a tenth
of a visitor's cached page. A section named by `at_root` knows the first path segment of every
pattern it holds (`groups`, `funders`, ...) and answers "not here" to any other address without
trying them. It changes no answer: an address with one of those first segments is tried exactly as
before, and a section whose first segments cannot all be told (a regular expression, a converter in
the first segment) tries every address, as Django does.
"""

from functools import cached_property

from django.urls import URLPattern, URLResolver
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RoutePattern


class RootSection(URLResolver):
    """An `include` at the root that skips addresses whose first segment none of its patterns starts with."""

    def resolve(self, path):
        first_segments = self.first_segments
        if first_segments is not None and str(path).split("/", 1)[0] not in first_segments:
            # No pattern here can match: the patterns are not listed as tried (Django's 404 page in DEBUG).
            raise Resolver404({"path": path, "tried": []})
        return super().resolve(path)

    @cached_property
    def first_segments(self):
        """The first path segments this section's patterns can match, or None when that cannot be told."""
        return _first_segments(self.url_patterns)


def _first_segments(patterns):
    found = set()
    for entry in patterns:
        pattern = entry.pattern
        if not isinstance(pattern, RoutePattern) or not isinstance(entry, URLPattern | URLResolver):
            return None
        route = str(pattern)
        if route == "" and isinstance(entry, URLResolver):
            nested = _first_segments(entry.url_patterns)
            if nested is None:
                return None
            found |= nested
            continue
        first = route.split("/", 1)[0]
        if not first or "<" in first:
            return None
        found.add(first)
    return frozenset(found)


def at_root(included):
    """`path("", include(...))` for an app's URLs, as a `RootSection`."""
    urlconf_module, app_name, namespace = included
    return RootSection(RoutePattern("", is_endpoint=False), urlconf_module, app_name=app_name, namespace=namespace)
