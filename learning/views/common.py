"""Helpers the learning views share."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from ..models import StepPage


def sign_in_required(view):
    """Send visitors to sign in (for any address, so whether a group exists never leaks)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def live_step_or_404(step_id):
    return get_object_or_404(StepPage.objects.live().public().select_related("pathway"), pk=step_id)


def step_url(request, step, group):
    return f"{step.get_url(request)}?group={group.slug}"


def error_text(error: ValidationError):
    return " ".join(error.messages)
