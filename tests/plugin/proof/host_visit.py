"""The HTTP half of the plugin proof: real requests to the host site served by the host's runserver.

Usage: python host_visit.py BASE_URL STATE_JSON   (stdlib only; runs in the host's virtualenv)

As a visitor it reads every page the content step made and expects 200 with the content; then,
signed in with the session the content step opened, it creates a group through the group form,
starts the pathway, marks a step done on the step page, and sees the dashboard's percent change.
Pages for the signed-in person must say `Cache-Control: private, no-store`; a visitor's must not.
Forms are found in the pages and submitted with their own hidden fields, as a browser would.
"""

import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser


class ProofFailure(Exception):
    pass


def say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def expect(condition, message):
    if not condition:
        raise ProofFailure(message)


class FormParser(HTMLParser):
    """Collects every <form> with its fields: inputs, selects (first or selected option), textareas."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"action": attrs.get("action") or "", "method": (attrs.get("method") or "get").lower()}
            self._form["fields"], self._form["buttons"], self._form["options"] = {}, [], {}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            name = attrs.get("name")
            if kind in {"submit", "image", "button"}:
                self._form["buttons"].append((name, attrs.get("value", "")))
            elif name and (kind not in {"checkbox", "radio"} or "checked" in attrs) and kind != "file":
                self._form["fields"][name] = attrs.get("value", "")
        elif tag == "button" and (attrs.get("type") or "submit").lower() == "submit":
            self._form["buttons"].append((attrs.get("name"), attrs.get("value", "")))
        elif tag == "select":
            self._select = attrs.get("name")
            self._form["options"][self._select] = []
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            self._form["options"][self._select].append(value)
            if "selected" in attrs or self._select not in self._form["fields"]:
                self._form["fields"][self._select] = value
        elif tag == "textarea":
            self._textarea = attrs.get("name")
            self._form["fields"][self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea] += data


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Just enough of a browser: cookies, CSRF from the page's own form, no automatic redirects."""

    def __init__(self, base_url, cookies=None):
        self.base_url = base_url.rstrip("/")
        self.cookies = dict(cookies or {})
        self.opener = urllib.request.build_opener(NoRedirect)
        self.headers = {}  # of the last response

    def request(self, path, data=None):
        url = urllib.parse.urljoin(self.base_url + "/", path)
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body)  # noqa: S310 (always the local proof server)
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        self.headers = response.headers
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _sep, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        text = response.read().decode("utf-8", "replace")
        return response.status, response.headers.get("Location", ""), text

    def get(self, path, expect_status=200):
        status, location, text = self.request(path)
        expect(status == expect_status, f"GET {path}: expected {expect_status}, got {status}\n{text[:3000]}")
        return location, text

    def submit(self, page_path, page_text, action_pattern, values=None, expect_status=302):
        """Fill the page's form whose action matches and post it; returns the redirect target."""
        parser = FormParser()
        parser.feed(page_text)
        forms = [
            form
            for form in parser.forms
            if form["method"] == "post"
            and re.search(action_pattern, form["action"] or page_path)
            and all(form["fields"].get(k) == v for k, v in (values or {}).get("_match", {}).items())
        ]
        expect(forms, f"no form matching {action_pattern!r} on {page_path}")
        form = forms[0]
        data = dict(form["fields"])
        data.update({k: v for k, v in (values or {}).items() if k != "_match"})
        target = form["action"] or page_path
        status, location, text = self.request(target, data)
        expect(status == expect_status, f"POST {target}: expected {expect_status}, got {status}\n{text[:3000]}")
        return location


def cache_control(browser):
    """The directives of the last response's Cache-Control header, without their values."""
    header = browser.headers.get("Cache-Control", "")
    return {part.split("=")[0].strip().lower() for part in header.split(",") if part.strip()}


def percents(text):
    return [int(value) for value in re.findall(r'<progress[^>]*\bvalue="(\d+)"', text)]


def main(base_url, state_path):
    with open(state_path, encoding="utf-8") as handle:
        state = json.load(handle)

    visitor = Browser(base_url)
    for label, (path, content) in state["pages"].items():
        _location, text = visitor.get(path)
        expect(content in text, f"{label} page {path} is missing {content!r}")
        say(f"  visitor: {label} {path} -> 200 with its content")
    extra_reads = [
        ("case study feed", state["pages"]["case study index"][0] + "feed/", "Tenants redesign the repairs service"),
        ("search", "/search/?q=repairs", "Tenants redesign the repairs service"),
        ("API", "/api/v2/pages/?type=resources.CaseStudyPage&fields=summary", "the housing team rewrote"),
    ]
    for label, path, content in extra_reads:
        _location, text = visitor.get(path)
        expect(content in text, f"{label} {path} is missing {content!r}")
        say(f"  visitor: {label} {path} -> 200 with the case study")
    _location, text = visitor.get(state["step_url"])
    expect(f'href="{state["login_url"]}?next=' in text, "a visitor's step page does not link to the host's LOGIN_URL")
    expect("/static/learning/learning.css" in text, "the step page does not link its stylesheet in the host's head")
    expect('<main id="main">' in text, "the step page is not inside the main landmark the doc adds to the base")
    say("  visitor: the step page sits in the host's base template with the app's stylesheet")
    say(f"  visitor: the step page asks visitors to sign in at the host's {state['login_url']}")
    location, _text = visitor.get("/groups/", expect_status=302)
    say(f"  visitor: /groups/ -> sign in at {location}")
    visitor.get(state["step_url"])
    expect("no-store" not in cache_control(visitor), "a visitor's public page is marked no-store")

    name, session = state["session_cookie"]
    person = Browser(base_url, {name: session})
    _location, text = person.get("/groups/new/")
    expect("/static/learning/learning.css" in text, "the group form does not link the app's stylesheet")
    parser = FormParser()
    parser.feed(text)
    group_form = next(form for form in parser.forms if "name" in form["fields"])
    place = next(value for value in group_form["options"].get("place", [""]) if value)
    dashboard = person.submit(
        "/groups/new/",
        text,
        r"^$|/groups/new/$",
        {"name": "Riverside Tenants Together", "place": place, "description": "Tenants who meet on Tuesdays."},
    )
    expect(re.search(r"/groups/[\w-]+/$", dashboard), f"creating a group went to {dashboard!r}")
    _location, text = person.get(dashboard)
    expect("Riverside Tenants Together" in text, "the new group's dashboard does not show its name")
    expect("Your group is ready." in text, "the dashboard does not confirm the new group (messages in the base)")
    say(f"  signed in: created a group, dashboard {dashboard}")
    for path in (dashboard, state["step_url"]):
        person.get(path)
        directives = cache_control(person)
        expect({"private", "no-store"} <= directives, f"{path} signed in: Cache-Control {sorted(directives)}")
        expect("cookie" in person.headers.get("Vary", "").lower(), f"{path} signed in: no Vary: Cookie")
    say("  signed in: the dashboard and the step page are private, no-store (the doc's middleware line)")

    _location, text = person.get(state["pathway_url"] if "pathway_url" in state else state["pages"]["pathway"][0])
    person.submit(state["pages"]["pathway"][0], text, r"/enrol/$", {"_match": {"pathway": str(state["pathway_id"])}})
    _location, text = person.get(dashboard)
    before = percents(text)
    expect(before == [0], f"after starting the pathway the dashboard shows {before}, expected [0]")
    say(f"  signed in: started {state['pathway_title']!r}, dashboard shows {before[0]}%")

    _location, text = person.get(state["step_url"])
    person.submit(state["step_url"], text, rf"/steps/{state['step_id']}/status/$", {"_match": {"action": "done"}})
    _location, text = person.get(dashboard)
    expect("Step marked done." in text, "marking the step done is not confirmed on the next page")
    after = percents(text)
    expect(after == [50], f"after marking one of two steps done the dashboard shows {after}, expected [50]")
    expect("50% done" in text, "the dashboard does not say 50% done in text")
    say(f"  signed in: marked {state['step_url']} done, dashboard shows {before[0]}% -> {after[0]}%")

    for page in ("readiness/", "sharing/"):
        _location, text = person.get(dashboard + page)
        expect("Riverside Tenants Together" in text, f"{dashboard}{page} does not name the group")
        say(f"  signed in: {dashboard}{page} -> 200")
    for stylesheet in (
        "learning/learning.css",
        "readiness/readiness.css",
        "resources/resources.css",
        "resources/common.css",
    ):
        visitor.get(f"/static/{stylesheet}")
    say("  visitor: the apps' stylesheets are served from the wheel's static files")


if __name__ == "__main__":
    try:
        main(sys.argv[1], sys.argv[2])
    except ProofFailure as failure:
        sys.stderr.write(f"plugin proof FAILED: {failure}\n")
        sys.exit(1)
