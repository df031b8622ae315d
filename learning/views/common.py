"""Helpers the learning views share."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import StartsWith
from django.shortcuts import get_object_or_404
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import PageViewRestriction, Site

from ..models import StepPage, in_default_language


def sign_in_required(view):
    """Send visitors to sign in (for any address, so whether a group exists never leaks)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


# What the step actions read of a step and its pathway (any other field still loads, with a query of its own):
# the ORM spends its time on each column it selects, and a step and its pathway have eighty.
STEP_FIELDS = (
    "title",
    "url_path",
    "translation_key",
    "locale__language_code",
    "completion_rule",
    "evidence_type",
    "evidence_asked",
    "pathway__title",
    "pathway__validity_months",
)


def live_step_or_404(step_id):
    """The live step, in the default language that groups' records belong to (a Gaelic step's form
    posts the Gaelic page's id).

    One query: Wagtail's `public()` reads every view restriction first and then asks for the page; here
    the page comes only if no restriction stands on it or on a page above it (whose paths begin its own),
    and with its locale, so an English step needs no locale read to know it is in the default language.
    """
    restricted = PageViewRestriction.objects.filter(StartsWith(OuterRef("path"), F("page__path")))
    step = get_object_or_404(
        StepPage.objects.live().exclude(Exists(restricted)).select_related("pathway", "locale").only(*STEP_FIELDS),
        pk=step_id,
    )
    return step if _in_language(step, settings.LANGUAGE_CODE) else in_default_language(step)


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
