"""The group-specific parts of signed-in pages, rendered once and kept as HTML under the group's records version.

A fragment is rendered from the values it is handed and nothing else: no request, no person, no CSRF
token, no context processors, so it can only show what every person shown it would see. It is kept with
`group_versions.kept_for_group` (group, records version, content version, language) and, since dates are
shown in the active time zone and "out of date" moves on with the day, under both of those too. Whatever
else the HTML depends on (a step, a role) the caller names as `parts`.
"""

from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from .group_versions import kept_for_group

# A fragment is shown to everyone who may see the group: a form (and its CSRF token) belongs to one person.
NOT_SHARED = ("<form", "csrfmiddlewaretoken")


def rendered_for_group(template_name, group, *parts, values):
    """`template_name` rendered with `group` and `values` only, kept as HTML for the group under `parts`.

    `values` is a dict, or a function returning one that is called only when the HTML is not kept (so a
    page whose fragment is kept neither reads nor unpickles the records it shows).
    """

    def build():
        named = values() if callable(values) else values
        html = render_to_string(template_name, {"group": group, **named})
        for marker in NOT_SHARED:
            if marker in html:
                raise ImproperlyConfigured(f"{template_name} renders {marker!r}: a group fragment is shared")
        return html

    html = kept_for_group(
        f"fragment:{template_name}",
        group,
        timezone.get_current_timezone_name(),
        timezone.localdate(),
        *parts,
        build=build,
    )
    # Safe: the template escaped what it showed when it was rendered.
    return mark_safe(html)  # noqa: S308
