"""The Easy Read writing rules the editor is warned about (never stopped by): short sentences, short rows.

From the Department of Health's Easy Read guidance: one idea a sentence, at most about 15 words a
sentence, one or two sentences beside each picture, and no more than a few pages.
"""

import html
import re

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_WORDS = 15
MAX_SENTENCES_PER_ROW = 2
# About four printed pages of rows at 14pt with a picture each.
MAX_ROWS = 30

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
# A word is letters or digits, joined by an apostrophe or hyphen ("don't", "co-production" is one word).
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def plain_text(rich_text):
    """The words of a row's rich text, without tags or entities."""
    source = getattr(rich_text, "source", rich_text) or ""
    return " ".join(html.unescape(strip_tags(str(source).replace("</p>", "</p> "))).split())


def sentences(text):
    """The sentences of plain text, split after a full stop, question or exclamation mark."""
    return [sentence for sentence in _SENTENCE_END.split(text.strip()) if _WORD.search(sentence)]


def word_count(sentence):
    return len(_WORD.findall(sentence))


def easy_read_warnings(stream_value):
    """What breaks the rules in an Easy Read stream, as sentences an editor reads; empty when all is well."""
    warnings = []
    rows = [child for child in stream_value or [] if child.block_type == "row"]
    for number, row in enumerate(rows, start=1):
        row_sentences = sentences(plain_text(row.value.get("text")))
        for sentence in row_sentences:
            words = word_count(sentence)
            if words > MAX_WORDS:
                warnings.append(
                    _(
                        "Row %(number)s: “%(sentence)s” has %(words)s words. "
                        "Easy Read sentences have %(max)s words or fewer: split it in two."
                    )
                    % {"number": number, "sentence": sentence, "words": words, "max": MAX_WORDS}
                )
        if len(row_sentences) > MAX_SENTENCES_PER_ROW:
            warnings.append(
                _("Row %(number)s has %(count)s sentences. Keep to one or two beside each picture.")
                % {"number": number, "count": len(row_sentences)}
            )
    if len(rows) > MAX_ROWS:
        warnings.append(
            ngettext(
                "There is %(count)s row. Easy Read documents are short: keep to about %(max)s rows.",
                "There are %(count)s rows. Easy Read documents are short: keep to about %(max)s rows.",
                len(rows),
            )
            % {"count": len(rows), "max": MAX_ROWS}
        )
    return warnings
