"""Helpers the learning views share."""

import functools
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction, Site

from ..models import PathwayPage, StepPage, in_default_language
from ..rows import fields_of, from_row


def sign_in_required(view):
    """Send visitors to sign in (for any address, so whether a group exists never leaks)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


# What the step actions read of a step, its pathway and its locale, by attribute name (any other field still
# loads, with a query of its own): the ORM spends its time on each column it selects, and a step and its
# pathway have eighty.
STEP_FIELDS = ("id", "title", "url_path", "translation_key", "locale_id", "page_ptr_id", "pathway_id")
STEP_FIELDS += ("completion_rule", "evidence_type", "evidence_asked")
PATHWAY_FIELDS = ("id", "title", "page_ptr_id", "validity_months")
LOCALE_FIELDS = ("id", "language_code")
# Ids the database can hold: a larger one in an address is no step, whatever the backend makes of it.
LARGEST_ID = 2**63 - 1


def live_step_or_404(step_id):
    """The live step, in the default language that groups' records belong to (a Gaelic step's form
    posts the Gaelic page's id), with its pathway and locale.

    One statement, written out once a process (`_live_step_sql`): building and compiling it through the
    ORM took a millisecond of Python on every press of "done", twenty times what the database takes to
    answer. The step comes only if it is live and no view restriction stands on it or on a page above it
    (whose paths begin its own), as Wagtail's `live().public()` has it.
    """
    if not 0 < step_id <= LARGEST_ID:
        raise Http404
    with connection.cursor() as cursor:
        cursor.execute(_live_step_sql(), [step_id])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    (step_fields, step_values), (pathway_fields, pathway_values), (locale_fields, locale_values) = _split(row)
    step = from_row(StepPage, step_fields, step_values)
    StepPage.locale.field.set_cached_value(step, from_row(Locale, locale_fields, locale_values))
    pathway = from_row(PathwayPage, pathway_fields, pathway_values) if step.pathway_id is not None else None
    StepPage.pathway.field.set_cached_value(step, pathway)
    return step if _in_language(step, settings.LANGUAGE_CODE) else in_default_language(step)


@functools.cache
def _fields():
    return (
        ("step", StepPage, fields_of(StepPage, STEP_FIELDS)),
        ("pathway", PathwayPage, fields_of(PathwayPage, PATHWAY_FIELDS)),
        ("locale", Locale, fields_of(Locale, LOCALE_FIELDS)),
    )


def _split(row):
    """The row's values for the step, its pathway and its locale, each with their fields."""
    parts, start = [], 0
    for _alias, _model, fields in _fields():
        parts.append((fields, row[start : start + len(fields)]))
        start += len(fields)
    return parts


@functools.cache
def _live_step_sql():
    quote = connection.ops.quote_name
    step, pathway, page, locale, restriction = (
        quote(model._meta.db_table) for model in (StepPage, PathwayPage, Page, Locale, PageViewRestriction)
    )
    columns = []
    for alias, model, fields in _fields():
        for field in fields:
            # A page's own columns sit in wagtailcore_page, joined as `<alias>_page`.
            table = alias if field.model is model else f"{alias}_page"
            columns.append(f"{table}.{quote(field.column)}")
    # Table and column names come from the models' metadata; the id is a parameter.
    return (
        f"SELECT {', '.join(columns)} FROM {step} step"  # noqa: S608
        f" INNER JOIN {page} step_page ON step_page.id = step.page_ptr_id"
        f" INNER JOIN {locale} locale ON locale.id = step_page.locale_id"
        f" LEFT OUTER JOIN {pathway} pathway ON pathway.page_ptr_id = step.pathway_id"
        f" LEFT OUTER JOIN {page} pathway_page ON pathway_page.id = pathway.page_ptr_id"
        " WHERE step.page_ptr_id = %s AND step_page.live AND NOT EXISTS ("
        f"  SELECT 1 FROM {restriction} restriction INNER JOIN {page} above ON above.id = restriction.page_id"
        "   WHERE SUBSTR(step_page.path, 1, LENGTH(above.path)) = above.path)"
    )


def _in_language(page, language_code):
    """Whether the page is in this language, from its locale (a language with no content of its own is
    read in the default one, as Wagtail's `Locale.get_active` has it)."""
    try:
        content_language = get_supported_content_language_variant(language_code)
    except LookupError:
        content_language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return page.locale.language_code == content_language


def step_url(request, step, group):
    """The step in the person's language where it is translated, for this group."""
    # Already in the person's language (every English request): Wagtail's `localized` would ask for the
    # active locale only to answer with the step itself.
    localized = step if _in_language(step, translation.get_language()) else step.localized
    return f"{page_url(request, localized)}?group={group.slug}"


def page_url(request, page):
    """The page's address, as Wagtail's `get_url(request)` gives it.

    Wagtail finds the request's site (a query) to choose between the page's path and its full address,
    but with one site it gives the path whichever site was asked; the site root paths it reads to know
    there is one come from its own cache.
    """
    if len({root.site_id for root in Site.get_site_root_paths()}) == 1:
        return page.get_url()
    return page.get_url(request)


def error_text(error: ValidationError):
    return " ".join(error.messages)
