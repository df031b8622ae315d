"""Helpers the learning views share."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from ..models import StepPage, in_default_language
from ..models.pages import active_locale


def sign_in_required(view):
    """Send visitors to sign in (for any address, so whether a group exists never leaks)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def live_step_or_404(step_id):
    """The live step, in the default language that groups' records belong to (a Gaelic step's form
    posts the Gaelic page's id)."""
    step = get_object_or_404(StepPage.objects.live().public().select_related("pathway"), pk=step_id)
    return in_default_language(step)


def step_url(request, step, group):
    """The step in the person's language where it is translated, for this group."""
    # Already in the person's language (every English request): Wagtail's `localized` would ask for the
    # active locale again only to answer with the step itself.
    localized = step if step.locale_id == active_locale().pk else step.localized
    return f"{localized.get_url(request)}?group={group.slug}"


def error_text(error: ValidationError):
    return " ".join(error.messages)
