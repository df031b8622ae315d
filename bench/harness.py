"""What the bench scripts share: an isolated environment, gunicorn servers and signed-in HTTP sessions.

Standard library only, so the scripts run with nothing but the project's virtualenv.
"""

import base64
import hashlib
import hmac
import html.parser
import http.cookiejar
import os
import re
import secrets
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "co-produce-2026")
# The demo accounts that need a second factor share this authenticator-app secret (demo/two_factor.py).
DEMO_TOTP_SECRET = "COPRODUCTIONHUBDEMOTOTPSECRETKEY"
TWO_FACTOR_VERIFY = "/accounts/two-factor/verify/"
TWO_FACTOR_SET_UP = "/accounts/two-factor/set-up/"
_SECRET_SHOWN = re.compile(r'id="two-factor-secret"[^>]*>([A-Z2-7 ]+)<')


def totp_code(secret, at=None):
    """The 6-digit code an authenticator app shows for a base32 secret (RFC 6238: SHA-1, 30 s)."""
    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


# Everything a stray shell variable could change about a run is set here instead.
_CLEARED = ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "SECURE_SSL_REDIRECT")


def bench_env(*, database_url, redis_url=None, **extra):
    """Environment for manage.py and gunicorn: bench settings (production, minus TLS) on `database_url`."""
    env = {key: value for key, value in os.environ.items() if key not in _CLEARED and key != "REDIS_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.bench",
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=database_url,
        DEMO_PASSWORD=DEMO_PASSWORD,
        LOG_LEVEL=os.environ.get("LOG_LEVEL", "WARNING"),
        PYTHONPATH=str(ROOT),
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(*args, env, quiet=True):
    """Run a manage.py command; raise with its output when it fails."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    if not quiet:
        print(result.stdout, end="")
    return result.stdout


def psql(sql):
    """Run one statement as postgres on the local PostgreSQL (creating and dropping bench databases)."""
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql, "postgres"], check=True)


@contextmanager
def postgres_database(prefix):
    """DATABASE_URL when it is set; otherwise a fresh database on the local PostgreSQL, dropped afterwards."""
    if os.environ.get("DATABASE_URL"):
        yield os.environ["DATABASE_URL"]
        return
    name = f"{prefix}_{int(time.time())}_{os.getpid()}"
    psql(f"CREATE DATABASE {name}")
    try:
        yield f"postgres://postgres@127.0.0.1:5432/{name}"
    finally:
        psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(base_url, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server at {base_url} did not answer /healthz within {timeout}s")
        time.sleep(0.2)


def stop_process_group(process, timeout=15):
    """Stop a process started with start_new_session=True and everything it started: TERM, then KILL."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextmanager
def gunicorn(*, env, workers=1, threads=1, port=None, log_path=None, access_log=False):
    """A gunicorn server with the given environment; yields its base URL and stops it afterwards.

    `access_log` writes a line for every request to the log, as the Procfile's production server does.
    """
    port = port or free_port()
    log = open(log_path, "w") if log_path else subprocess.DEVNULL  # noqa: SIM115
    command = [
        PYTHON, "-m", "gunicorn", "config.wsgi",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers),
        "--threads", str(threads),
        "--timeout", "120",
        "--log-level", "warning",
        *(["--access-logfile", "-"] if access_log else []),
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base_url)
        yield base_url
    finally:
        stop_process_group(server)
        if log_path:
            log.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """A person at a browser: cookies kept between requests, forms sent with their CSRF token."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect)

    def request(self, path, *, data=None, timeout=30):
        """Returns (status, body text, headers); redirects are returned, not followed.

        `data` (a dict or a list of pairs) makes it a form POST.
        """
        url = path if path.startswith("http") else self.base_url + path
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body)  # noqa: S310
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.read().decode(errors="replace"), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), error.headers

    def get(self, path, **kwargs):
        return self.request(path, **kwargs)

    def csrf_token(self, html=None):
        match = _CSRF_FIELD.search(html or "")
        if match:
            return match.group(1)
        return self.cookie("csrftoken")

    def post_form(self, path, data=None, *, form_page=None):
        """POST like a browser: take the CSRF token from the form page (or the cookie) first."""
        token = self.cookie("csrftoken")
        if token is None or form_page:
            _status, html, _headers = self.get(form_page or path)
            token = self.csrf_token(html)
        return self.request(path, data={"csrfmiddlewaretoken": token or "", **(data or {})})

    def cookie(self, name):
        for cookie in self.cookies:
            if cookie.name == name:
                return cookie.value
        return None

    def cookie_header(self):
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.cookies)

    def sign_in(self, email, password=DEMO_PASSWORD, *, second_factor=True):
        status, _body, headers = self.post_form(
            "/accounts/sign-in/", {"username": email, "password": password}, form_page="/accounts/sign-in/"
        )
        if status != 302 or not self.cookie("sessionid"):
            raise RuntimeError(f"could not sign in as {email} (status {status})")
        if second_factor:
            self.give_second_factor(email)
        return self

    def give_second_factor(self, email, secret=DEMO_TOTP_SECRET):
        """Staff, funder reviewers and facilitators give a code after their password, as a person would:
        from the demo secret when the account has an app, else by setting one up from the secret shown."""
        status, html, headers = self.get(TWO_FACTOR_VERIFY)
        if status == 302 and headers["Location"].startswith(TWO_FACTOR_SET_UP):
            _status, html, _headers = self.get(TWO_FACTOR_SET_UP)
            secret, page = _SECRET_SHOWN.search(html).group(1), TWO_FACTOR_SET_UP
        elif status == 200:
            page = TWO_FACTOR_VERIFY
        else:
            return  # not asked for one
        for _attempt in range(2):
            status, _html, _headers = self.post_form(page, {"code": totp_code(secret)}, form_page=page)
            if status == 302:
                return
            # A code works once: an account signed in twice in one 30-second step waits for the next code.
            time.sleep(30 - time.time() % 30 + 1)
        raise RuntimeError(f"{email} could not give a second factor (status {status})")

    def submit(self, form_page, form_id, *, changes, extra=None):
        """Send a form back as a browser would after the person changed some fields (e.g. Wagtail's editor)."""
        _status, html, _headers = self.get(form_page)
        form = FormReader(form_id)
        form.feed(html)
        if form.action is None:
            raise RuntimeError(f"no form #{form_id} on {form_page}")
        replaced = {**changes, **(extra or {})}
        fields = [(name, value) for name, value in form.fields if name not in replaced] + list(replaced.items())
        return self.request(form.action or form_page, data=fields)


class FormReader(html.parser.HTMLParser):
    """The fields of one form on a page, with the values a browser would send unchanged."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.action, self.fields = form_id, None, []
        self._inside, self._textarea, self._select = False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self._inside, self.action = True, attrs.get("action") or ""
        if not self._inside or not attrs.get("name"):
            if tag == "option" and self._select and "selected" in attrs:
                self.fields.append((self._select, attrs.get("value", "")))
            return
        name = attrs["name"]
        if tag == "input" and attrs.get("type") not in ("submit", "button", "file", "image"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "textarea":
            self._textarea = [name, ""]
        elif tag == "select":
            self._select = name

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self.fields.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self._inside:
            self._inside = False
