"""The shared content blocks used by guides, case studies and (in learning) pathway steps.

`ContentStreamBlock` is the one body block; `table_of_contents` and `reading_minutes` read a
stream value built from it.
"""

import math
import re

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from .rich_text import BODY_FEATURES

WORDS_PER_MINUTE = 200


def heading_anchor(value):
    """The id a heading is rendered with: the editor's anchor, or one made from its text."""
    return slugify(value.get("anchor") or value.get("text") or "") or "section"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )
    anchor = blocks.CharBlock(
        label=_("Anchor"),
        required=False,
        max_length=60,
        help_text=_("Optional. The name used in links to this heading; made from the heading when left blank."),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["anchor"] = heading_anchor(value)
        return context

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "resources/blocks/heading.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("tip", _("Tip")), ("note", _("Note")), ("warning", _("Warning"))],
        default="note",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=BODY_FEATURES)

    class Meta:
        icon = "info-circle"
        label = _("Callout")
        template = "resources/blocks/callout.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item"), max_length=300), label=_("Items"), min_num=1)

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = "resources/blocks/checklist.html"


class ActivityBlock(blocks.StructBlock):
    """A "try this with your group" activity a group can run in a meeting."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    what_you_need = blocks.ListBlock(
        blocks.CharBlock(label=_("Thing"), max_length=200), label=_("What you need"), min_num=0
    )
    minutes = blocks.IntegerBlock(label=_("Time in minutes"), min_value=1, max_value=600)
    steps = blocks.ListBlock(blocks.TextBlock(label=_("Step"), max_length=600), label=_("Steps"), min_num=1)

    class Meta:
        icon = "group"
        label = _("Try this with your group")
        template = "resources/blocks/activity.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"), max_length=1000)
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=120)
    role = blocks.CharBlock(label=_("Their role"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "resources/blocks/quote.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "resources/blocks/image.html"


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, max_length=120, help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "resources/blocks/document.html"


class VideoEmbedBlock(blocks.StructBlock):
    embed = EmbedBlock(label=_("Web address of the video or media"))
    title = blocks.CharBlock(
        label=_("Title"), max_length=120, help_text=_("Says what the media is; also used as the link text.")
    )

    class Meta:
        icon = "media"
        label = _("Embed")
        template = "resources/blocks/embed.html"


class AccordionItemBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    content = blocks.RichTextBlock(label=_("Content"), features=BODY_FEATURES)


class AccordionBlock(blocks.StructBlock):
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Sections"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Accordion")
        template = "resources/blocks/accordion.html"


class KeyTakeawaysBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120, default=_("Key takeaways"))
    items = blocks.ListBlock(blocks.CharBlock(label=_("Takeaway"), max_length=300), label=_("Takeaways"), min_num=1)

    class Meta:
        icon = "pick"
        label = _("Key takeaways")
        template = "resources/blocks/key_takeaways.html"


class ContentStreamBlock(blocks.StreamBlock):
    """The body of guides, case studies and pathway steps."""

    paragraph = blocks.RichTextBlock(label=_("Text"), features=BODY_FEATURES, icon="pilcrow")
    heading = HeadingBlock()
    callout = CalloutBlock()
    checklist = ChecklistBlock()
    activity = ActivityBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    document = DocumentDownloadBlock()
    embed = VideoEmbedBlock()
    accordion = AccordionBlock()
    key_takeaways = KeyTakeawaysBlock()

    def clean(self, value):
        value = super().clean(value)
        seen, errors = set(), {}
        for index, child in enumerate(value):
            if child.block_type != "heading":
                continue
            anchor = heading_anchor(child.value)
            if anchor in seen:
                errors[index] = ValidationError(
                    _("Two headings would have the same anchor %(anchor)s; give this one a different anchor."),
                    params={"anchor": anchor},
                )
            seen.add(anchor)
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value


def table_of_contents(stream_value):
    """The headings of a body as [{"text", "anchor", "level"}], in order."""
    return [
        {"text": child.value["text"], "anchor": heading_anchor(child.value), "level": child.value["level"]}
        for child in stream_value or []
        if child.block_type == "heading"
    ]


_WORD = re.compile(r"\w+", re.UNICODE)


def word_count(stream_value):
    """The number of words a reader meets in a body."""
    total = 0
    for child in stream_value or []:
        for text in child.block.get_searchable_content(child.value):
            total += len(_WORD.findall(strip_tags(str(text))))
    return total


def reading_minutes(stream_value, *, words_per_minute=WORDS_PER_MINUTE):
    """Whole minutes to read a body: 0 when it has no words, otherwise at least 1.

    Time spent on "try this with your group" activities is not reading time.
    """
    words = word_count(stream_value)
    return max(math.ceil(words / words_per_minute), 1) if words else 0
