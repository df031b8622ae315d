"""Template tags for fragments kept in the cache: how long, and the site's content version to key them on."""

from django import template

from home import page_cache

register = template.Library()


@register.simple_tag(takes_context=True)
def content_version(context):
    """Changes whenever editors publish, move, delete or edit anything: put it in a fragment's key."""
    if page_cache.cache_seconds() <= 0:
        return ""  # nothing is kept, so there is no key to make and no query to spend
    return page_cache.content_version(context.get("request"))


@register.simple_tag
def page_cache_seconds():
    """HUB_PAGE_CACHE_SECONDS: 0 keeps nothing (as in the test suite)."""
    return page_cache.cache_seconds()
