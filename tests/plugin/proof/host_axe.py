"""Accessibility half of the plugin proof: axe-core on the apps' pages as a bare `wagtail start` host serves them.

Usage: python host_axe.py BASE_URL STATE_JSON   (runs in the Hub's virtualenv, which has Playwright and
axe; the host site itself is untouched)

Crawls from the apps' pages, as a visitor and then signed in with the session the content step
opened, and fails on any WCAG 2.2 A/AA violation or error response. A page that sends visitors to
the host's LOGIN_URL is fine: a bare `wagtail start` project has no sign-in page of its own.
"""

import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from tests.browser.crawler import crawl, format_problems  # noqa: E402

VISITOR_STARTS = ("/pathways/", "/guides/", "/case-studies/", "/search/?q=repairs")
MEMBER_STARTS = ("/groups/", "/groups/new/")
MAX_PAGES = 60
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sends_visitors_to_sign_in(base_url, path, login_url):
    if path.startswith(login_url):  # the host's own sign-in page, which a bare project lacks
        return True
    try:
        response = urllib.request.build_opener(NoRedirect).open(base_url + path, timeout=30)  # noqa: S310 (local)
    except urllib.error.HTTPError as error:
        response = error
    return response.status == 302 and response.headers.get("Location", "").startswith(login_url + "?next=")


def main(base_url, state_path):
    state = json.loads(Path(state_path).read_text(encoding="utf-8"))
    name, value = state["session_cookie"]
    failures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for who, cookies, starts in [
            ("visitor", [], VISITOR_STARTS),
            ("signed in", [{"name": name, "value": value, "url": base_url}], VISITOR_STARTS + MEMBER_STARTS),
        ]:
            context = browser.new_context()
            context.add_cookies(cookies)
            visited, problems = crawl(
                context.new_page(), base_url, start_paths=starts, max_pages=MAX_PAGES, check_width=False
            )
            context.close()
            for path, found in problems.items():
                if not (who == "visitor" and sends_visitors_to_sign_in(base_url, path, state["login_url"])):
                    failures[f"{who} {path}"] = found
            sys.stdout.write(f"  axe ({who}): {len(visited)} pages\n")
        browser.close()
    if failures:
        sys.stderr.write("plugin proof FAILED: axe-core found problems\n" + format_problems(failures) + "\n")
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), sys.argv[2])
