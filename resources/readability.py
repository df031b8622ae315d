"""How easy a page's words are to read (issue 15, item 4): Flesch reading ease and grade, for editors.

Words and sentences are counted by textstat. Syllables are counted here, by groups of vowels: for English,
textstat 0.7.13 looks words up in NLTK's CMU dictionary and downloads it on first use, and a web server must
never fetch data from the internet while an editor waits; its fallback (hyphenation points) counts too few
("community" as two, "policy" as one) and so scores hard text as easy. Counting vowel groups errs the other
way, if at all ("safeguarding" as four), which only makes the target harder to meet.
"""

import html
import re
from dataclasses import dataclass

import textstat
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

# Plain English: most adults read it easily (a reading age of about 13 to 15). The demo's guides and
# steps meet it (tests/resources/test_readability.py); the editor's panel says how far a page is from it.
TARGET_READING_EASE = 60

# Flesch's bands, from the easiest down: (lowest score, words for it).
BANDS = [
    (90, _("very easy")),
    (80, _("easy")),
    (70, _("fairly easy")),
    (60, _("plain English")),
    (50, _("fairly hard")),
    (30, _("hard")),
    (None, _("very hard")),
]

_BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|dd|dt|td|th)>|<br\s*/?>", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_ENDS_SENTENCE = re.compile(r"[.!?:;…][\"'’”)]*$")


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def reading_ease(self):
        """Flesch reading ease: 100 is very easy, 0 very hard."""
        return round(206.835 - 1.015 * self.words / self.sentences - 84.6 * self.syllables / self.words, 1)

    @property
    def grade(self):
        """Flesch-Kincaid grade: the years of school (US grades) a reader needs."""
        return max(round(0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59, 1), 0)

    @property
    def reading_age(self):
        """The grade as an age in years (grade 1 is age 6)."""
        return round(self.grade) + 5

    @property
    def meets_target(self):
        return self.reading_ease >= TARGET_READING_EASE

    @property
    def band(self):
        return next(label for lowest, label in BANDS if lowest is None or self.reading_ease >= lowest)


_VOWELS = re.compile(r"[aeiouy]+")


def syllables(word):
    """An estimate of a word's syllables: its groups of vowels, less a silent final "e" ("made", not "people")."""
    word = re.sub(r"['’].*$", "", word.lower())
    count = len(_VOWELS.findall(word))
    if count > 1 and word.endswith("e") and not word.endswith(("le", "ee", "ye")):
        count -= 1
    return max(count, 1)


def sentences_of(value):
    """Plain-text units of a text or HTML value, each ending as a sentence does (a list item or a heading
    counts as one sentence, as a reader takes it)."""
    text = _BLOCK_END.sub("\n", str(value))
    units = []
    for line in html.unescape(strip_tags(text)).splitlines():
        line = " ".join(line.split())
        if _WORD.search(line):
            units.append(line if _ENDS_SENTENCE.search(line) else f"{line}.")
    return units


def stream_sentences(stream_value):
    """The sentences a reader meets in a StreamField body, block by block."""
    units = []
    for child in stream_value or []:
        for text in child.block.get_searchable_content(child.value):
            units += sentences_of(text)
    return units


def measure(units):
    """The readability of some sentences, or None when there are no words to measure."""
    text = " ".join(units)
    words = _WORD.findall(text)
    if not words:
        return None
    return Readability(
        words=textstat.lexicon_count(text),
        sentences=max(textstat.sentence_count(text), 1),
        syllables=sum(syllables(word) for word in words),
    )


def page_sentences(page):
    """The sentences of the fields a page names in `readability_fields` (text or StreamField), in order."""
    units = []
    for name in getattr(page, "readability_fields", ()):
        value = getattr(page, name, None)
        if value is None:
            continue
        units += stream_sentences(value) if hasattr(value, "stream_block") else sentences_of(value)
    return units


def page_readability(page):
    return measure(page_sentences(page))
