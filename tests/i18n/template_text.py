"""Finds words in a Django template that people would read but no translator can reach.

Django's template Lexer splits a template into text, variable, block and comment tokens. Words are
translatable only inside `{% translate %}` (a block token) and between `{% blocktranslate %}` and
`{% endblocktranslate %}`; everything else a person reads must come from a variable. So the text tokens
outside those, with HTML tags, entities and the insides of <script> and <style> removed, must hold no
words. The values of the attributes a person reads or hears (alt, title, aria-label, placeholder...)
count as text too, since stripping tags would otherwise hide them.
"""

import html
import re
from pathlib import Path

from django.template.base import Lexer, TokenType

# Words allowed outside the translation tags: none today. Add one only when it reads the same in every
# language the Hub offers (a product name, say), with its reason beside it. Symbols and numbers need no
# entry: only letters make words.
ALLOWED_WORDS = frozenset()

# Attributes whose values a person reads, or hears from a screen reader.
READ_ATTRIBUTES = ("alt", "title", "aria-label", "aria-description", "placeholder", "label", "summary")

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
ATTRIBUTE = re.compile(
    r"\s(?P<name>" + "|".join(READ_ATTRIBUTES) + r""")\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""",
    re.IGNORECASE,
)
TAG = re.compile(r"<[^>]*>", re.DOTALL)
# A tag whose end is in a later text token (its attributes hold template tags): everything up to the
# token's end is inside the tag.
OPEN_TAG = re.compile(r"<[a-zA-Z/!][^>]*$", re.DOTALL)

# Quoted text inside a variable or a tag that reaches the page: a filter's fallback or choice
# ({{ x|default:"None yet" }}, {{ x|yesno:"Yes,No" }}), a value given to an include or {% with %}, or
# {% firstof %}'s last resort. A literal counts as read when it has a space or a capital letter
# (a CSS class or a code such as "in_review" has neither). Text inside _("...") is translated.
READ_FILTER_ARGUMENT = re.compile(
    r"""\|\s*(?:default|default_if_none|yesno)\s*:\s*(?<!_\()(?P<quote>["'])(?P<text>.*?)(?P=quote)"""
)
ASSIGNED_LITERAL = re.compile(r"""=\s*(?<!_\()(?P<quote>["'])(?P<text>.*?)(?P=quote)""")
ANY_LITERAL = re.compile(r"""(?<!_\()(?P<quote>["'])(?P<text>.*?)(?P=quote)""")
ASSIGNING_TAGS = {"include", "with"}

TRANSLATED_BLOCKS = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans"}
SKIPPED_BLOCKS = {"comment": "endcomment", "verbatim": "endverbatim"}


def words(text):
    """The words in a piece of template text, once HTML is stripped, that are not allowed everywhere."""
    readable = [TAG.sub(" ", text)]
    readable.extend(match.group("double") or match.group("single") or "" for match in ATTRIBUTE.finditer(text))
    return [word for part in readable for word in WORD.findall(html.unescape(part)) if word not in ALLOWED_WORDS]


def read_literals(tag_name, contents):
    """The quoted text in a variable or tag that a person would read on the page."""
    if tag_name in ASSIGNING_TAGS:
        pattern = ASSIGNED_LITERAL
    elif tag_name == "firstof":
        pattern = ANY_LITERAL
    else:
        pattern = READ_FILTER_ARGUMENT
    found = []
    for match in pattern.finditer(contents):
        text = match.group("text")
        if (" " in text.strip() or any(word[0].isupper() for word in WORD.findall(text))) and words(text):
            found.append(" ".join(words(text)))
    return found


def untranslated_text(source):
    """(line number, words) for each piece of text in the template source that reaches a page
    without passing through the translation tags."""
    findings = []
    closing = None  # the end tag of the block being skipped, if any
    inside_tag = False
    pending = []  # (line, text) of the current run of text, joined across variables and tags
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split(maxsplit=1)[0] if token.contents else ""
            if closing:
                if name == closing:
                    closing = None
                continue
            if name in TRANSLATED_BLOCKS:
                closing = TRANSLATED_BLOCKS[name]
            elif name in SKIPPED_BLOCKS:
                closing = SKIPPED_BLOCKS[name]
            elif name in ASSIGNING_TAGS or name == "firstof":
                findings.extend((token.lineno, literal) for literal in read_literals(name, token.contents))
            # A block tag inside an HTML tag (an attribute's value, say) neither starts nor ends it.
            continue
        if closing:
            continue
        if token.token_type == TokenType.VAR:
            findings.extend((token.lineno, literal) for literal in read_literals("", token.contents))
        if token.token_type != TokenType.TEXT:
            continue
        pending.append((token.lineno, token.contents))
        text = "".join(part for _, part in pending)
        # Keep joining while a <script>, <style> or an HTML tag is still open, so that their insides
        # are removed whole.
        stripped = SCRIPT_OR_STYLE.sub(lambda block: re.sub(r"[^\n]", " ", block.group()), text)
        if re.search(r"<(script|style)\b", stripped, re.IGNORECASE) or OPEN_TAG.search(stripped):
            inside_tag = True
            continue
        inside_tag = False
        findings.extend(_finding(pending[0][0], stripped))
        pending = []
    if pending and not inside_tag:
        findings.extend(_finding(pending[0][0], SCRIPT_OR_STYLE.sub(" ", "".join(part for _, part in pending))))
    return findings


def _finding(first_line, text):
    """[(line of the first word, the words)] for a run of text, or [] when it has none."""
    found = words(text)
    if not found:
        return []
    # Blank out tags but keep their line breaks, so the first word outside a tag keeps its line.
    outside_tags = TAG.sub(lambda tag: re.sub(r"[^\n]", " ", tag.group()), text)
    first = WORD.search(outside_tags) or ATTRIBUTE.search(text)
    return [(first_line + text.count("\n", 0, first.start()), " ".join(found))]


def template_files(root):
    """Every HTML and text template under the repository's template folders (not the virtualenv's)."""
    root = Path(root)
    for path in sorted(root.rglob("templates/**/*")):
        if ".venv" in path.parts or "node_modules" in path.parts or not path.is_file():
            continue
        if path.suffix in {".html", ".txt"}:
            yield path
