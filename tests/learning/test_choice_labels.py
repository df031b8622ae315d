"""A choice field's display (learning.models.choices) says what Django's own would, in the active language."""

import pytest
from django.db import models
from django.utils import translation

from learning.models import ActivityEntry, CommunityGroup, Evidence, Membership, StepPage, StepProgress
from learning.models.choices import ChoiceLabels

MODELS = [CommunityGroup, Membership, StepProgress, ActivityEntry, Evidence, StepPage]


def _choice_fields():
    for model in MODELS:
        assert issubclass(model, ChoiceLabels)
        for field in model._meta.concrete_fields:
            if field.choices:
                yield model, field


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en-gb", "gd"])
def test_every_choice_reads_as_djangos_display_would(language):
    checked = 0
    with translation.override(language):
        for model, field in _choice_fields():
            for value in [*(value for value, _label in field.flatchoices), "not-a-choice", ""]:
                instance = model(**{field.attname: value})
                ours = getattr(instance, f"get_{field.name}_display")()
                assert ours == models.Model._get_FIELD_display(instance, field), (model, field.name, value)
                checked += 1
    assert checked > 40


def test_a_place_reads_in_the_language_of_the_request():
    group = CommunityGroup(place="highland")
    with translation.override("en-gb"):
        english = group.get_place_display()
    with translation.override("gd"):
        gaelic = group.get_place_display()
    assert (english, gaelic) == ("Highland", "A' Ghàidhealtachd")
    assert type(gaelic) is str  # translated now, not a lazy label translated later in another language
