"""The demo's pages, as a visitor and as each kind of demo account, have none of the HTML errors the Nu HTML
Checker found (issue 15): see html_checks.py. Rendered with Django's test client, no browser.

Each role follows links from its start pages, one or two pages of each kind (each URL pattern, and each
page type's place in the tree), so a new page is checked as soon as a link reaches it.
"""

import re
from collections import Counter, deque
from html import unescape
from urllib.parse import parse_qs, urldefrag, urljoin, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.urls import Resolver404, resolve, reverse

from learning.models import Evidence
from tests.browser.crawler import SKIP_PREFIXES, SKIP_SUFFIXES

from .html_checks import html_problems

PAGES_OF_EACH_KIND = 2
MAX_PAGES = 150
LINK = re.compile(r"<a\s([^>]*)>", re.IGNORECASE)
HREF = re.compile(r'href="([^"]*)"')

START_PATHS = {
    "visitor": ["/", "/accounts/sign-in/", "/accounts/sign-up/", "/search/?q=group"],
    "member": ["/", "/accounts/", "/groups/"],
    "coordinator": ["/", "/accounts/", "/groups/"],
    "facilitator": ["/", "/accounts/", "/groups/"],
    "funder": ["/", "/accounts/", "/funders/"],
}
EMAILS = {
    "member": "member@example.org",
    "coordinator": "coordinator@example.org",
    "facilitator": "facilitator@example.org",
    "funder": "funder@example.org",
}
# URL names each crawl must reach, so that a crawl which stops early cannot pass.
MUST_REACH = {
    "visitor": {"wagtail_serve", "resources:search", "accounts:signup"},
    "member": {"learning:group_dashboard", "wagtail_serve"},
    "coordinator": {
        "learning:group_dashboard",
        "learning:evidence_list",
        "learning:members",
        "readiness:profile",
        "readiness:evidence_domains",
        "readiness:rounds",
        "readiness:sharing",
    },
    "facilitator": {"learning:group_dashboard", "readiness:profile"},
    "funder": {"readiness:portfolio", "readiness:funder_group"},
}


@pytest.fixture
def demo(shared_demo):
    """The demo built once for this module (tests/conftest.py); the tests only read its pages."""
    return shared_demo


def kind_of_page(path):
    """A URL's kind: its URL pattern's name, or for a Wagtail page its section and depth; with its query keys."""
    bare, _, query = path.partition("?")
    try:
        match = resolve(bare)
    except Resolver404:
        return None
    name = match.view_name
    if match.url_name == "wagtail_serve":
        parts = [part for part in bare.split("/") if part]
        name = f"page:{parts[0] if parts else ''}:{len(parts)}"
    return name, tuple(sorted(parse_qs(query)))


def links(html, base):
    for attributes in LINK.findall(html):
        href = HREF.search(attributes)
        if href is None or re.search(r"\sdownload\b|^download\b", attributes):
            continue
        absolute, _fragment = urldefrag(urljoin(base, unescape(href.group(1))))
        parsed = urlparse(absolute)
        if parsed.scheme not in {"", "http"} or parsed.netloc not in {"", "testserver"}:
            continue
        if parsed.path.startswith(SKIP_PREFIXES) or parsed.path.endswith(SKIP_SUFFIXES):
            continue
        yield parsed.path + (f"?{parsed.query}" if parsed.query else "")


def crawl(client, start_paths):
    """{path: problems} for the pages reached from the start paths, and the URL names reached."""
    queue, seen, kinds = deque(start_paths), set(start_paths), Counter()
    checked, reached = {}, set()
    while queue and len(checked) < MAX_PAGES:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        checked[path] = html_problems(html)
        reached.add(resolve(urlparse(path).path).view_name)
        for found in links(html, "http://testserver" + path):
            kind = kind_of_page(found)
            if found in seen or kind is None or kinds[kind] >= PAGES_OF_EACH_KIND:
                continue
            seen.add(found)
            kinds[kind] += 1
            queue.append(found)
    return checked, reached


def format_problems(checked):
    return "\n".join(f"{path}:\n  " + "\n  ".join(items) for path, items in sorted(checked.items()) if items)


@pytest.mark.parametrize("role", START_PATHS)
def test_pages_each_role_reaches_have_no_html_errors(client, demo, role):
    if role in EMAILS:
        client.force_login(get_user_model().objects.get(email=EMAILS[role]))
    checked, reached = crawl(client, START_PATHS[role])
    assert MUST_REACH[role] <= reached, f"the {role}'s crawl never reached {MUST_REACH[role] - reached}"
    assert {path: items for path, items in checked.items() if items} == {}, format_problems(checked)


def test_forms_shown_again_with_errors_have_no_html_errors(client, demo):
    """Errors add ids that fields' aria-describedby name: a text box's on sign-up, and a fieldset's (a choice of
    several) on the form that links evidence to readiness areas."""
    response = client.post("/accounts/sign-up/", {"email": "not an address"})
    html = response.content.decode()
    assert response.status_code == 200 and "Enter a valid email address" in html
    assert html_problems(html) == []

    coordinator = get_user_model().objects.get(email=EMAILS["coordinator"])
    evidence = Evidence.objects.current().filter(group__memberships__user=coordinator).first()
    client.force_login(coordinator)
    url = reverse("readiness:evidence_domains", kwargs={"slug": evidence.group.slug, "pk": evidence.pk})
    response = client.post(url, {"domains": ["999999"]})
    html = response.content.decode()
    assert response.status_code == 200 and 'aria-describedby="id_domains_error"' in html
    assert html_problems(html) == []
