"""Fixtures for the caching tests: the visitor page cache switched on, empty at the start of each test."""

import pytest
from django.core.cache import cache


@pytest.fixture
def page_cache(settings):
    settings.HUB_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()
