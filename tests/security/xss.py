"""A corpus of cross-site scripting payloads and a finder for anything of theirs that would run.

Every payload carries a marker (`xss-N`), so the finder can tell the Hub's own markup (its SVG charts,
its stylesheet links) from markup a person typed in.
"""

from html.parser import HTMLParser

XSS_PAYLOADS = [
    "<script>alert('xss-1')</script>",
    "<img src=x onerror=alert('xss-2')>",
    "<svg onload=alert('xss-3')><circle r=1 /></svg>",
    "<a href=\"javascript:alert('xss-4')\">click</a>",
    "<div style=\"background:url(javascript:alert('xss-5'))\">styled</div>",
    "<iframe src=\"javascript:alert('xss-6')\"></iframe>",
    '"><script>alert("xss-7")</script>',
    "<scr<script>ipt>alert('xss-8')</script>",
    "&lt;script&gt;alert('xss-9')&lt;/script&gt;",
    "<body onload=alert('xss-10')>",
    "<math><mi xlink:href=\"javascript:alert('xss-11')\">x</mi></math>",
    "<details open ontoggle=alert('xss-12')>",
    "<p onclick=alert('xss-13')>broken <b>markup",
    "<style>/*xss-14*/*{display:none}</style><link rel=stylesheet href=//evil.example/xss-14.css>",
    "' onmouseover='alert(`xss-15`)' x='",
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzLTE2Jyk8L3NjcmlwdD4=" title=xss-16></object>',
]

RAW_TEXT_TAGS = {"script", "style"}
EMBEDDING_TAGS = {"script", "style", "iframe", "object", "embed", "svg", "math", "base", "form"}
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "data"}


class _InjectionFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.open_tags = []
        self.script_types = []

    def handle_starttag(self, tag, attrs):
        self.open_tags.append(tag)
        if tag == "script":
            self.script_types.append((dict(attrs).get("type") or "").lower())
        attributes = " ".join(f"{name}={value}" for name, value in attrs)
        for name, value in attrs:
            text = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            elif name == "style" and ("xss" in text or "javascript:" in text or "url(" in text):
                self.found.append(f"{tag}[style]")
            elif name in URL_ATTRIBUTES and text.startswith(("javascript:", "data:text/html", "vbscript:")):
                self.found.append(f"{tag}[{name}={text.split(':', 1)[0]}:]")
        if tag in EMBEDDING_TAGS and "xss" in attributes.lower():
            self.found.append(tag)
        # Typed-in text may fill a description or a canonical address, never load a stylesheet or redirect.
        values = dict(attrs)
        if tag == "link" and (values.get("rel") or "").lower() in {"stylesheet", "import", "preload", "modulepreload"}:
            if "xss" in (values.get("href") or "").lower():
                self.found.append("link[stylesheet]")
        if tag == "meta" and values.get("http-equiv") and "xss" in (values.get("content") or "").lower():
            self.found.append("meta[http-equiv]")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.open_tags.pop()

    def handle_endtag(self, tag):
        if tag in self.open_tags:
            while self.open_tags.pop() != tag:
                pass

    def handle_data(self, data):
        if not (self.open_tags and self.open_tags[-1] in RAW_TEXT_TAGS and "xss" in data.lower()):
            return
        tag = self.open_tags[-1]
        if tag == "script" and self.script_types and self.script_types[-1] == "application/json" and "<" not in data:
            # A JSON data block (Django's json_script, Wagtail's admin props) is never run, and with
            # < escaped as \u003C typed-in text cannot close it: names may appear there safely.
            return
        self.found.append(f"{tag} with typed-in content")


def injected(html):
    """Every place in `html` where typed-in markup would run or restyle the page (empty when safe)."""
    finder = _InjectionFinder()
    finder.feed(html if isinstance(html, str) else html.decode())
    finder.close()
    return finder.found
