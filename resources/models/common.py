"""Pieces guide and case study pages share: API serializers and the listing index mixin."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from ..rich_text import INTRODUCTION_FEATURES


class ThemeNamesField(serializers.Field):
    """Themes in the API as a plain list of names."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return [tag.name for tag in value.all()]


class IndexPageMixin(models.Model):
    """An index page: an introduction above a filtered, paginated listing of its children."""

    introduction = RichTextField(_("introduction"), features=INTRODUCTION_FEATURES, blank=True)

    index_content_panels = [FieldPanel("introduction")]

    class Meta:
        abstract = True
