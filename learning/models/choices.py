"""`get_FOO_display()` that translates only the label it returns.

Django's own builds a dict of the field's choices on every call, hashing (and so translating) every
label: a group's place, one of 34, cost about 0.2 ms a call, and a dashboard asks a dozen such.
"""

import functools

from django.utils.encoding import force_str


@functools.cache
def _labels(field):
    """{stored value: label, still lazy} for a field's choices; the fields of the models never change."""
    return dict(field.flatchoices)


class ChoiceLabels:
    """Put before `models.Model` (or `Page`) in a model's bases; every choice field's display uses it."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        try:
            label = _labels(field).get(value, value)
        except TypeError:  # a value no dict can hold (a list or dict stored in a JSON field)
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)
