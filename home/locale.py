"""Which language a request is in, and the language switcher's targets (docs/translation.md).

Pages and search live under a language prefix: English at the root, Gaelic under /gd/ (config/urls.py,
`i18n_patterns`), so a page's address says its language and the visitor page cache keeps each
language apart. The group, account and funder pages have one address in every language: they
speak the language the person chose (the switcher's cookie, set from their account setting when
they sign in), else their browser's.
"""

import functools
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import Resolver404, URLResolver, get_resolver, get_script_prefix, get_urlconf, translate_url
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import trans_real
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Page

from resources.content_version import kept_per_content_version

from . import page_cache

# `?language=gd` on an English page: the person asked for Gaelic and the page has no Gaelic version yet.
FALLBACK_PARAMETER = "language"


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def _prefixed_resolver():
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern):
            return pattern
    return None


def is_prefixed_url(path):
    """True when `path` (without a language prefix) is served by the URLs that carry one.

    Asked on every request and answered by resolving the path twice, so the answer is kept per path
    and URLconf (neither changes while a process runs)."""
    return _is_prefixed_url(path, settings.ROOT_URLCONF)


@functools.lru_cache(maxsize=4096)
def _is_prefixed_url(path, _urlconf):
    resolver = _prefixed_resolver()
    if resolver is None:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        try:
            match = get_resolver().resolve(path)
        except Resolver404:
            return True
        try:
            prefixed = resolver.resolve(path.removeprefix("/"))
        except Resolver404:
            return False
    # The whole URLconf answered with the prefixed URLs' view, not with one listed before them.
    return match.func == prefixed.func and match.args == prefixed.args and match.kwargs == prefixed.kwargs


class HubLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that pages outside the prefixed URLs follow the person's choice.

    With `prefix_default_language=False` Django would give every address without a prefix the
    default language, so a Gaelic speaker's group pages would be English.
    """

    def process_request(self, request):
        if translation.get_language_from_path(request.path_info) or is_prefixed_url(request.path_info):
            super().process_request(request)
        else:
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        remember_lookups(trans_real.translation(translation.get_language()))


# How many messages each language's translations remember (the Hub's own and its apps' are ~2,000).
REMEMBERED_MESSAGES = 8192


def remember_lookups(translations):
    """Let one language's translations remember what each message came to, for the life of the process.

    Django looks a message up in every catalogue it merged (about twenty apps) and then along a chain
    of English fallbacks; a message with no translation, which is every English one, walks the whole
    chain, about 7 µs, and a signed-in page asks a few hundred. The catalogues never change once
    loaded (Django builds new translation objects when they must), so remembering the answer on the
    object itself can never be stale, and each language's object keeps its own answers.
    """
    if not isinstance(translations, trans_real.DjangoTranslation) or "gettext" in translations.__dict__:
        return
    translations.gettext = functools.lru_cache(maxsize=REMEMBERED_MESSAGES)(translations.gettext)


def page_translations(request, page):
    """{language code: live translation of `page`} in one query, kept on the request."""
    kept = getattr(request, "_hub_page_translations", None)
    if kept is not None and kept[0] == page.pk:
        return kept[1]
    found = dict(_live_translations(page.translation_key))
    if page.pk not in {p.pk for p in found.values()}:  # a preview of a page not yet live
        found[page.locale.language_code] = page
    request._hub_page_translations = (page.pk, found)
    return found


@kept_per_content_version("live-translations", seconds=page_cache.cache_seconds, key=str)
def _live_translations(translation_key):
    """{language code: live page} of one page's translations, kept under the content version (a publish,
    unpublish or new translation moves it). Shared by every request of the process: read only."""
    pages = Page.objects.filter(translation_key=translation_key).live().select_related("locale")
    return {p.locale.language_code: p for p in pages}


def switcher_links(request, page=None):
    """One link per other language: where it takes you, and whether that page is in the language."""
    current = translation.get_language()
    path = request.get_full_path() if request else "/"
    translations = page_translations(request, page) if page is not None else {}
    default = settings.LANGUAGE_CODE
    links = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        if page is not None:
            translated = translations.get(code)
            if translated is not None:
                target, translated_here = translated.get_url(request), True
            else:
                english = translations.get(default, page)
                target = english.get_url(request) or "/"
                if code != default:
                    target = f"{target}?{urlencode({FALLBACK_PARAMETER: code})}"
                translated_here = False
        else:
            target, translated_here = _translated_path(path, code, current), True
        href = f"/language/{code}/?{urlencode({'next': target})}"
        links.append({"code": code, "name": name, "href": href, "translated": translated_here})
    return links


def _translated_path(path, code, current):
    return _translate_url(path, code, current, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@functools.lru_cache(maxsize=1024)
def _translate_url(path, code, _current, _script_prefix, _urlconf):
    """`translate_url(path, code)` (a resolve and a reverse) for a page that is not a Wagtail page, kept for
    each path, language asked for, language it resolves in, script prefix and URLconf, all it depends on."""
    return translate_url(path, code)


def alternates(request, page):
    """hreflang alternates for a page: each live translation's full address, English as x-default."""
    translations = page_translations(request, page)
    links = [
        {"code": code, "url": p.get_full_url(request)} for code, p in translations.items() if code in language_codes()
    ]
    english = translations.get(settings.LANGUAGE_CODE)
    if english is not None:
        links.append({"code": "x-default", "url": english.get_full_url(request)})
    return links


@never_cache
@require_GET
def switch_language(request, code):
    """Remember the language this browser wants, then go to `next` (the same page in that language).

    A GET link, so the switcher works without JavaScript and adds no form token to cached pages; it
    changes nothing but this browser's language cookie. A signed-in person's lasting choice is on
    their account page.
    """
    if code not in language_codes():
        code = settings.LANGUAGE_CODE
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    remember_language(response, code)
    return response


def remember_language(response, code):
    """Set the language cookie Django's LocaleMiddleware reads."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 3600,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE or None,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY or None,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
    )
