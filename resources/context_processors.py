"""Puts the configured base template name in every template's context."""

from .conf import base_template


def resources(request):
    return {"resources_base_template": base_template()}
