"""Email in the recipient's language (issue 15): every email the Hub sends is rendered through here.

An email is written in the language its recipient chose for the Hub, not the language of whoever's action
sent it. Someone who chose none gets the site's default language, except when the caller knows better
(`fallback`): a person who asked for the email themselves, in this request, gets the request's language.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .conf import user_language


def _supported(language):
    try:
        return translation.get_supported_language_variant(language)
    except LookupError:
        return ""


def language_of(person, *, fallback=""):
    """The language to write to `person` in (None for an address with no account): the one they chose,
    else `fallback`, else the site's default."""
    chosen = user_language(person) if person is not None else ""
    return _supported(chosen) or (_supported(fallback) if fallback else "") or settings.LANGUAGE_CODE


def request_language():
    """The language of the current request: the fallback for an email the person asked for themselves."""
    return translation.get_language() or settings.LANGUAGE_CODE


def render_email(template, context, *, language):
    """The one-line subject and the body of an email in `language`, from `<template>_subject.txt` and
    `<template>.txt`."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    return subject, body


def by_language(people, *, fallback=""):
    """`people` grouped by the language to write to them in, in a steady order: [(language, [person, ...])]."""
    groups = {}
    for person in people:
        groups.setdefault(language_of(person, fallback=fallback), []).append(person)
    return sorted(groups.items())
