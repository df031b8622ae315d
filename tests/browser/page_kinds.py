"""The kind of page at a path, for the browser crawl's record (see `crawler.CrawlRecord`): needs the Hub's settings."""

import re
from urllib.parse import urlparse

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation
from wagtail.models import Page


class PageKinds:
    """The kind of page at a path: its URL pattern's name, or for a Wagtail page its model (and, for a page's
    own sub-page such as its Easy Read version, what follows the page's address), in the path's language."""

    def __init__(self):
        self.page_models = {}
        for each in Page.objects.live().specific().iterator():
            url = each.url
            if url:
                self.page_models[urlparse(url).path] = type(each).__name__

    def __call__(self, path):
        language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
        with translation.override(language):
            try:
                match = resolve(path)
            except Resolver404:
                return (language, "no such page", path)
        if match.url_name != "wagtail_serve":
            return (language, match.view_name)
        for end in range(len(path), 0, -1):
            if path[end - 1] == "/" and path[:end] in self.page_models:
                return (language, self.page_models[path[:end]], re.sub(r"\d+", "N", path[end:]))
        return (language, "no such page", path)
