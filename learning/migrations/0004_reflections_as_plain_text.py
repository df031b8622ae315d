"""Reflections become plain text: the sanitised HTML stored until now is turned back into what was typed.

The conversion functions live here, not in app code, so this migration keeps its meaning when the app changes.
"""

import html
import re
from html.parser import HTMLParser

from django.db import migrations, models

# Elements the old allowlist kept that end a line or a paragraph when the text is read back.
PARAGRAPHS = {"p", "blockquote", "ul", "ol"}
LINES = {"li"}


class _TextOnly(HTMLParser):
    """Collect the text of sanitised HTML: a link's text stays, line breaks and paragraphs become newlines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag in PARAGRAPHS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in PARAGRAPHS:
            self.parts.append("\n\n")
        elif tag in LINES:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def html_to_plain_text(stored):
    """The text a person typed, from the sanitised HTML it was stored as."""
    parser = _TextOnly()
    parser.feed(stored or "")
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]+\n", "\n", text)
    # Breaks from the markup and newlines in its source make at most one blank line between paragraphs.
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def plain_text_to_stored_html(text):
    """Back to the old form, which templates showed unescaped: escaped text in paragraphs with <br> lines."""
    paragraphs = [html.escape(part, quote=False) for part in re.split(r"\n{2,}", text or "") if part.strip()]
    return "".join("<p>" + part.replace("\n", "<br>") + "</p>" for part in paragraphs)


def _convert(apps, convert):
    Reflection = apps.get_model("learning", "Reflection")
    changed = []
    for reflection in Reflection.objects.only("pk", "text").iterator(chunk_size=500):
        text = convert(reflection.text)
        if text != reflection.text:
            reflection.text = text
            changed.append(reflection)
        if len(changed) >= 500:
            Reflection.objects.bulk_update(changed, ["text"])
            changed = []
    Reflection.objects.bulk_update(changed, ["text"])


def to_plain_text(apps, schema_editor):
    _convert(apps, html_to_plain_text)


def to_stored_html(apps, schema_editor):
    _convert(apps, plain_text_to_stored_html)


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0003_streamfields_without_block_definitions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="reflection",
            name="text",
            field=models.TextField(
                help_text="Plain text, as the author typed it.", max_length=5000, verbose_name="reflection"
            ),
        ),
        migrations.RunPython(to_plain_text, to_stored_html),
    ]
