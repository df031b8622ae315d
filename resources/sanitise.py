"""The one HTML allowlist: every piece of user-supplied HTML goes through `sanitise_html`; plain text
people type is shown through `plain_text_to_html`."""

import html
import re

import bleach
from django.utils.html import linebreaks

ALLOWED_TAGS = frozenset({"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "blockquote"})
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
# The content of these elements is code, never text a person meant to show.
_DROP_WITH_CONTENT = re.compile(r"<(script|style|template|noscript)\b[^>]*>.*?(</\1\s*>|$)", re.I | re.S)


def _safe_link(attrs, new=False):
    href = attrs.get((None, "href"), "")
    if href and not href.startswith(("http://", "https://", "mailto:", "/")):
        return None
    attrs[(None, "rel")] = "nofollow noopener"
    return attrs


def sanitise_html(text):
    """Keep only the allowlisted tags and attributes; drop scripts, styles and handlers entirely."""
    if not text:
        return ""
    cleaned = bleach.clean(
        _DROP_WITH_CONTENT.sub("", text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    return bleach.linkify(cleaned, callbacks=[_safe_link], parse_email=False)


def sanitise_text(text):
    """Plain text only: every tag removed; characters such as & and < stay as typed.

    The result is text, not HTML: Django escapes it when it is rendered. Cleaning repeats
    until nothing changes, so markup hidden behind entities (&lt;script&gt;) is removed too.
    """
    if not text:
        return ""
    for _attempt in range(5):
        cleaned = html.unescape(
            bleach.clean(_DROP_WITH_CONTENT.sub("", text), tags=set(), attributes={}, strip=True, strip_comments=True)
        )
        if cleaned == text:
            break
        text = cleaned
    return cleaned


def _web_link(attrs, new=False):
    """Links found in plain text: web and mail addresses only, never followed by search engines."""
    if not attrs.get((None, "href"), "").startswith(("http://", "https://", "mailto:")):
        return None
    attrs[(None, "rel")] = "nofollow noopener"
    return attrs


def plain_text_to_html(text):
    """Plain text as safe HTML: every character escaped, web links clickable, line breaks and paragraphs kept.

    Escaping comes first, so linkify only ever sees text, never markup a person typed. Quotes are left
    as they are (they are harmless in element content) so that a link typed in quotes ends before them.
    """
    if not text:
        return ""
    linked = bleach.linkify(html.escape(str(text), quote=False), callbacks=[_web_link], parse_email=True)
    return linebreaks(linked, autoescape=False)
