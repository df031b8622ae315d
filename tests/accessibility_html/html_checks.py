"""The HTML errors the Nu HTML Checker found on the Hub's pages (issue 15), found here without Java.

One pass of the standard library's HTML parser over a page reports:

- a `<time datetime>` that is not a valid date or date and time (six-digit fractions of a second are not);
- an empty `aria-describedby` or `aria-labelledby`, or one naming an id the page does not have;
- a duplicate `id`;
- a `<label for>` naming no form control;
- a `<form action="">`;
- a stray `</p>`: an end tag with no open paragraph, because a block element (a `<div>`, a list, a
  heading, a form...) closed it implicitly, as browsers do, or because none was opened;
- a scrolling table wrapper (`class="table-scroll"`) a keyboard cannot reach: it must be a named region
  in the tab order (`role="region" tabindex="0" aria-labelledby="<its caption's or heading's id>"`).
"""

import re
from html.parser import HTMLParser

# HTML's "valid date string" and "valid global date and time string" (at most three digits of fractions).
VALID_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Start tags that close an open paragraph (the HTML parsing algorithm, "in body" insertion mode).
CLOSES_P = {
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p", "search", "section",
    "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "form", "li", "dd", "dt", "plaintext",
    "table", "hr", "xmp",
}  # fmt: skip
# An open paragraph outside these elements is not "in button scope": a </p> inside them cannot close it.
BUTTON_SCOPE = {"applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button"}
ID_REFERENCES = ("aria-describedby", "aria-labelledby")
LABELABLE = {"button", "input", "meter", "output", "progress", "select", "textarea"}


class _PageChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.open = []
        self.ids = {}
        self.references = []  # (attribute, ids, where)
        self.scroll_wrappers = []  # (attrs, where)
        self.controls = set()
        self.labels = []  # (for, where)

    def where(self, tag, attrs):
        shown = " ".join(f'{name}="{value}"' for name, value in attrs if name in {"id", "class"})
        return f"line {self.getpos()[0]}: <{tag}{' ' + shown if shown else ''}>"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_starttag(self, tag, attrs):
        named = dict(attrs)
        where = self.where(tag, attrs)
        if tag in CLOSES_P and self._p_in_button_scope():
            self._pop_through("p")
        if tag == "li":
            self._pop_through("li", stop_at={"ul", "ol", "menu"})
        if tag in {"dd", "dt"}:
            self._pop_through(("dd", "dt"), stop_at={"dl"})
        if "id" in named:
            if named["id"] in self.ids:
                self.problems.append(f'duplicate id "{named["id"]}" at {where} (first at {self.ids[named["id"]]})')
            self.ids.setdefault(named["id"], where)
        for attribute in ID_REFERENCES:
            if attribute in named:
                value = (named[attribute] or "").split()
                if not value:
                    self.problems.append(f"empty {attribute} at {where}")
                self.references.append((attribute, value, where))
        if tag in LABELABLE and named.get("type") != "hidden" and "id" in named:
            self.controls.add(named["id"])
        if tag == "label" and "for" in named:
            self.labels.append((named["for"], where))
        if tag == "time" and "datetime" in named and not VALID_DATETIME.match(named["datetime"] or ""):
            self.problems.append(f'invalid <time datetime="{named["datetime"]}"> at {where}')
        if tag == "form" and "action" in named and not (named["action"] or "").strip():
            self.problems.append(f'empty form action="" at {where}')
        if "table-scroll" in (named.get("class") or "").split():
            self.scroll_wrappers.append((named, where))
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag == "p":
            if self._p_in_button_scope():
                self._pop_through("p")
            else:
                self.problems.append(f"stray </p> (no open paragraph) at line {self.getpos()[0]}")
        elif tag in self.open:
            self._pop_through(tag)

    def _p_in_button_scope(self):
        for tag in reversed(self.open):
            if tag == "p":
                return True
            if tag in BUTTON_SCOPE:
                return False
        return False

    def _pop_through(self, names, stop_at=()):
        names = {names} if isinstance(names, str) else set(names)
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index] in names:
                del self.open[index:]
                return
            if self.open[index] in stop_at:
                return

    def finish(self):
        self.close()
        for attribute, ids, where in self.references:
            for missing in [each for each in ids if each not in self.ids]:
                self.problems.append(f'{attribute} names "{missing}", which no element has, at {where}')
        for control, where in self.labels:
            if control not in self.controls:
                self.problems.append(f'<label for="{control}"> names no form control at {where}')
        for named, where in self.scroll_wrappers:
            label = named.get("aria-labelledby") or ""
            if named.get("role") != "region" or named.get("tabindex") != "0" or not label.strip():
                self.problems.append(
                    f'scrolling table a keyboard cannot reach at {where}: give it role="region" tabindex="0" '
                    "aria-labelledby=\"<its caption's or heading's id>\""
                )
        return self.problems


def html_problems(html):
    """The problems above in one page's HTML, as readable strings (none: an empty list)."""
    checker = _PageChecker()
    checker.feed(html)
    return checker.finish()
