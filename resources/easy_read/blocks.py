"""The blocks of an Easy Read version: rows of a picture with one or two short sentences, and headings."""

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from ..rich_text import EASY_READ_FEATURES
from .pictograms import pictogram_choices, pictogram_url
from .rules import MAX_WORDS


class EasyReadRowBlock(blocks.StructBlock):
    """A picture on the left, one or two short sentences beside it."""

    pictogram = blocks.ChoiceBlock(
        label=_("Picture from the Hub's set"),
        choices=pictogram_choices,
        required=False,
        help_text=_("Choose a picture from the set, or choose your own picture below."),
    )
    image = ImageChooserBlock(
        label=_("Or your own picture"),
        required=False,
        help_text=_("A clear photo or drawing of one thing, for example a real photo of your group's hall."),
    )
    alt_text = blocks.CharBlock(
        label=_("What the picture shows"),
        max_length=200,
        help_text=_("Alternative text, read out to people who cannot see the picture. Say what it shows."),
    )
    text = blocks.RichTextBlock(
        label=_("Words"),
        features=EASY_READ_FEATURES,
        help_text=format_lazy(
            _(
                "One or two short sentences, one idea each, no more than {max} words a sentence. "
                "Make the most important words bold."
            ),
            max=MAX_WORDS,
        ),
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("pictogram")) == bool(value.get("image")):
            raise StructBlockValidationError(
                block_errors={"pictogram": ValidationError(_("Choose one picture: from the set or your own."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["pictogram_url"] = pictogram_url(value.get("pictogram"))
        return context

    class Meta:
        icon = "image"
        label = _("Picture and words")
        template = "resources/blocks/easy_read_row.html"


class EasyReadHeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Heading")
        template = "resources/blocks/easy_read_heading.html"


class EasyReadStreamBlock(blocks.StreamBlock):
    """An Easy Read version: headings and rows, read top to bottom."""

    heading = EasyReadHeadingBlock(max_length=80)
    row = EasyReadRowBlock()
