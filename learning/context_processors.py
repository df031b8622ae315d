"""Puts the configured base template name in every template's context."""

from .conf import base_template


def learning(request):
    return {"learning_base_template": base_template()}
