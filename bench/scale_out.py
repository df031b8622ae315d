"""Scale-out with every moving part on one machine: what a site with several app servers must share.

Two gunicorn servers (127.0.0.1) and one task worker (`manage.py db_worker`) run with production
settings (config.settings.bench: DEBUG off, the database task backend) on one fresh PostgreSQL
database, one Redis and one private S3 bucket on moto's standalone server, all started here. Mail
goes to the console backend, which only the worker uses; its output is kept in a file to read.
Five named checks, each printing PASS or FAIL with its evidence:

1. sessions: a sign-in, a sign-out and a second factor given through one server hold on the other;
2. publish: a page published in the admin through A is served fresh by B;
3. evidence: a file a coordinator uploads through A's form downloads through B with the same
   bytes, is in the bucket, and is not on local disk;
4. email: a password reset asked through A returns at once, and the worker, not a web server,
   delivers the email;
5. recount: a new step published through A is followed, once the worker has run, by stored
   progress equal to a recount for every group on that pathway.

Exits non-zero if any check fails, stops every process it started (also on failure, Ctrl+C or
SIGTERM), drops its database and prints its duration. Needs PostgreSQL on 127.0.0.1 (or
DATABASE_URL, which it adds to) and Redis.

    .venv/bin/python bench/scale_out.py                     # fresh database, Redis db 7
    DATABASE_URL=postgres://... REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/scale_out.py
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager

import boto3
from harness import (
    OUT,
    PYTHON,
    ROOT,
    Browser,
    bench_env,
    free_port,
    gunicorn,
    manage,
    postgres_database,
    psql,
    stop_process_group,
)

ADMIN_EMAIL = "scale-out-editor@example.org"
COORDINATOR = "coordinator@example.org"  # coordinator of the demo group Riverside Tenants Together
RESET_FOR = "member@example.org"
WORK = OUT / "scale-out"  # MEDIA_ROOT is WORK/media, so the private media root is WORK/private
WORKER_LOG = OUT / "scale-out-worker.log"
S3_KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}
REQUEST_RETURNS_WITHIN = 2.0  # seconds: "at once", generous for a busy 2-core machine
WORKER_WITHIN = 45.0  # seconds for the worker to deliver the email or finish the recount


class Failed(Exception):
    """A check's expectation did not hold; the message is the evidence."""


def expect(condition, evidence):
    if not condition:
        raise Failed(evidence)
    print(f"    - {evidence}", flush=True)


def run_check(results, name, function, *args):
    print(f"[{name}]", flush=True)
    began = time.monotonic()
    try:
        function(*args)
    except Failed as failure:
        results.append((name, False))
        print(f"FAIL {name}: {failure}", flush=True)
    except Exception as error:  # noqa: BLE001 a check that breaks is reported, and the others still run
        results.append((name, False))
        print(f"FAIL {name}: {type(error).__name__}: {error}", flush=True)
    else:
        results.append((name, True))
        print(f"PASS {name} ({time.monotonic() - began:.1f}s)", flush=True)


def django_shell(code, env):
    """Run code in `manage.py shell` on the servers' database; return the JSON it prints last."""
    output = manage("shell", "--no-imports", "-c", code, env=env)
    return json.loads(output.strip().splitlines()[-1])


@contextmanager
def process(command, *, env, log_path):
    """A background process in its own session (so Ctrl+C reaches only this script); stopped on exit."""
    log = open(log_path, "w")  # noqa: SIM115
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)  # noqa: S603
    try:
        yield child
    finally:
        stop_process_group(child)
        log.close()


@contextmanager
def s3_server():
    """moto's standalone S3 server on a free loopback port; yields its endpoint URL."""
    port = free_port()
    command = [PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    with process(command, env={**os.environ, **S3_KEYS}, log_path=OUT / "scale-out-s3.log") as server:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("moto's S3 server did not start (bench/out/scale-out-s3.log)") from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"


def main():
    started = time.monotonic()
    # `timeout` and CI stop the script with SIGTERM: turn it into an exit so every process is stopped.
    # Ctrl+C stops it the same way, even when started in the background (where SIGINT starts ignored).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    OUT.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(WORK, ignore_errors=True)
    results = []
    try:
        with ExitStack() as stack:
            database_url = stack.enter_context(postgres_database("hub_scale_out"))
            if not database_url.startswith("postgres"):
                raise SystemExit("FAILED: the scale-out proof needs PostgreSQL")
            if not os.environ.get("DATABASE_URL"):
                # A throwaway database need not wait for each commit to reach the disk (migrate commits
                # hundreds of times); queries and locking are unchanged.
                psql(f"ALTER DATABASE {database_url.rsplit('/', 1)[-1]} SET synchronous_commit = off")
            endpoint = stack.enter_context(s3_server())
            bucket = f"hub-private-{secrets.token_hex(4)}"
            s3 = boto3.client(
                "s3",
                endpoint_url=endpoint,
                region_name="us-east-1",
                aws_access_key_id="testing",
                aws_secret_access_key="testing",
            )
            s3.create_bucket(Bucket=bucket)
            redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/7")
            password = secrets.token_urlsafe(16)
            env = bench_env(
                database_url=database_url,
                redis_url=redis_url,
                # One key prefix per run: the shared Redis may hold other runs' keys, and nothing is flushed.
                CACHE_KEY_PREFIX=f"scale-out-{secrets.token_hex(4)}",
                TASKS_BACKEND="django_tasks_db.DatabaseBackend",
                EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
                PRIVATE_BUCKET_NAME=bucket,
                AWS_S3_ENDPOINT_URL=endpoint,
                AWS_S3_REGION_NAME="us-east-1",
                MEDIA_ROOT=WORK / "media",
                LOG_FORMAT="plain",
                PYTHONUNBUFFERED="1",
                **S3_KEYS,
            )
            print(f"Database {database_url.rsplit('@', 1)[-1]}, Redis {redis_url}, bucket {bucket} at {endpoint}")
            setup = set_up(env, password)

            # The worker first: it starts while the servers do.
            worker_command = [PYTHON, "manage.py", "db_worker", "--no-reload", "--queue-name", "*", "--interval", "0.5"]
            worker = stack.enter_context(process(worker_command, env=env, log_path=WORKER_LOG))
            with ThreadPoolExecutor(2) as pool:  # both servers start at once; each stops with the stack
                servers = [
                    pool.submit(
                        stack.enter_context, gunicorn(env=env, workers=2, log_path=OUT / f"scale-out-{name}.log")
                    )
                    for name in "ab"
                ]
                a, b = (server.result() for server in servers)
            print(f"Server A {a}, server B {b}, worker pid {worker.pid}; up at {time.monotonic() - started:.0f}s")
            # The editor signs in once: a second factor's code works once per 30 seconds.
            editor = Browser(a).sign_in(ADMIN_EMAIL, password)

            run_check(results, "sessions", check_sessions, a, b)
            run_check(results, "publish", check_publish, a, b, editor, setup)
            run_check(results, "evidence", check_evidence, a, b, s3, bucket, setup)
            run_check(results, "email", check_email, a, b, worker)
            run_check(results, "recount", check_recount, a, env, editor, setup)
    finally:
        print(f"Duration: {time.monotonic() - started:.1f}s", flush=True)
    failed = [name for name, passed in results if not passed]
    if failed or len(results) < 5:
        print(f"Scale-out: FAILED ({', '.join(failed) or 'not every check ran'})")
        return 1
    print("Scale-out: passed (sessions, publish, evidence, email, recount)")
    return 0


# The setup phase's data in one interpreter: the editor who publishes through the admin, a draft step in
# the demo pathway with the most enrolled groups (check 5 publishes it through server A), the
# coordinator's group (check 3 uploads to it) and the about page's id (check 2 edits it).
SET_UP = """
import json
from django.db.models import Count
from django.contrib.auth import get_user_model
from wagtail.models import Page
from learning.models import CommunityGroup, Enrolment, StepPage
get_user_model().objects.create_superuser(email=%(editor)r, password=%(password)r, display_name="Scale-out editor")
busiest = Enrolment.objects.values("pathway_id").annotate(groups=Count("pk")).order_by("-groups", "pathway_id")[0]
stage = StepPage.objects.filter(pathway_id=busiest["pathway_id"]).live().order_by("path").last().stage
step = StepPage(title="Scale-out: one more step", slug="scale-out-one-more-step", live=False,
                summary="Published by bench/scale_out.py to prove the recount runs in the worker.")
stage.add_child(instance=step)
step.save_revision()
group = CommunityGroup.objects.filter(memberships__user__email=%(coordinator)r).order_by("pk").first()
about = Page.objects.get(url_path__endswith="/about/", depth=3)
print(json.dumps({"about": about.pk, "pathway": busiest["pathway_id"], "groups": busiest["groups"], "step": step.pk,
                  "group": group.slug}))
"""


def set_up(env, password):
    """One migrate (collectstatic beside it), the demo, then the editor and check 5's draft step in one shell."""
    began = time.monotonic()
    collect = subprocess.Popen(  # noqa: S603 static files need no database: copied while migrate runs
        [PYTHON, "manage.py", "collectstatic", "--noinput"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
    )
    try:
        manage("migrate", "--noinput", env=env)
        if collect.wait() != 0:
            raise RuntimeError("manage.py collectstatic failed")
    finally:
        if collect.poll() is None:  # migrate failed or the run was stopped
            collect.kill()
            collect.wait()
    migrated = time.monotonic()
    manage("load_demo", "--force", env=env)
    loaded = time.monotonic()
    values = {"coordinator": COORDINATOR, "editor": ADMIN_EMAIL, "password": password}
    setup = django_shell(SET_UP % values, env)
    print(
        f"Set up: migrate and collectstatic {migrated - began:.0f}s, load_demo {loaded - migrated:.0f}s, "
        f"editor and draft step {time.monotonic() - loaded:.0f}s",
        flush=True,
    )
    return setup


def check_sessions(a, b):
    # A member first, staff second: a second factor's code works once per 30 seconds for each account.
    person = Browser(a).sign_in(RESET_FOR)
    person.base_url = b
    status, html, _ = person.get("/accounts/")
    expect(status == 200 and RESET_FOR in html, f"{RESET_FOR} signed in through A, the account page works through B")
    status, _html, _ = person.post_form("/accounts/sign-out/")
    expect(status in (200, 302), f"signed out through B (status {status})")
    person.base_url = a
    status, _html, headers = person.get("/accounts/")
    expect(
        status == 302 and "/accounts/sign-in/" in headers["Location"],
        f"A no longer knows the session (sent to {headers['Location']})",
    )
    staff = Browser(a).sign_in("editor@example.org", second_factor=False)
    status, _html, headers = staff.get("/admin/")
    expect(status == 302 and "/accounts/two-factor/verify/" in headers["Location"], "A's admin waits for a code")
    staff.base_url = b
    status, _html, headers = staff.get("/admin/")
    expect(status == 302 and "/accounts/two-factor/verify/" in headers["Location"], "so does B's")
    staff.give_second_factor("editor@example.org")
    staff.base_url = a
    status, _html, _ = staff.get("/admin/")
    expect(status == 200, "after a code given through B, A's admin opens")


def check_publish(a, b, editor, setup):
    editor.base_url = a
    visitor_b = Browser(b)
    status, html, _ = visitor_b.get("/about/")
    expect(status == 200 and "About the Hub" in html, "B serves the about page (and may cache it)")
    page_id = setup["about"]
    new_title = f"About the Hub, edited {secrets.token_hex(3)}"
    status, _html, _ = editor.submit(
        f"/admin/pages/{page_id}/edit/",
        "page-edit-form",
        changes={"title": new_title},
        extra={"action-publish": "action-publish"},
    )
    expect(status == 302, f"the editor published {new_title!r} through A's admin")
    for server, name in ((b, "B"), (a, "A")):
        status, html, _ = Browser(server).get("/about/")
        expect(status == 200 and new_title in html, f"{name} serves the new title straight away")
    status, html, _ = visitor_b.get("/")
    expect(new_title in html, "B's navigation shows the new title too")


def multipart(fields, files):
    """A multipart/form-data body as a browser sends a form with a file input; returns (body, content type)."""
    boundary = f"----scale-out-{secrets.token_hex(12)}"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content_type, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def raw_request(browser, path, *, body=None, content_type=None):
    """Like Browser.request, but the body stays bytes (a download compared byte for byte)."""
    request = urllib.request.Request(browser.base_url + path, data=body)  # noqa: S310
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with browser.opener.open(request, timeout=30) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def bucket_objects(s3, bucket):
    return {item["Key"]: item["Size"] for item in s3.list_objects_v2(Bucket=bucket).get("Contents", [])}


def check_evidence(a, b, s3, bucket, setup):
    group = setup["group"]
    before = bucket_objects(s3, bucket)
    # A small PDF with random bytes in a comment: only byte-for-byte equality passes.
    content = b"%PDF-1.4\n%" + os.urandom(3000) + b"\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    title = f"Scale-out minutes {secrets.token_hex(3)}"
    coordinator = Browser(a).sign_in(COORDINATOR)
    form_path = f"/groups/{group}/evidence/new/"
    status, html, _ = coordinator.get(form_path)
    expect(status == 200 and 'type="file"' in html, f"A shows the coordinator the upload form of {group}")
    body, content_type = multipart(
        {"csrfmiddlewaretoken": coordinator.csrf_token(html), "evidence_type": "other", "title": title, "note": ""},
        {"file": ("minutes.pdf", "application/pdf", content)},
    )
    status, _body, headers = raw_request(coordinator, form_path, body=body, content_type=content_type)
    expect(status == 302, f"uploaded {len(content)} bytes through A's form (302 to {headers.get('Location')})")

    coordinator.base_url = b
    status, html, _ = coordinator.get(f"/groups/{group}/evidence/")
    match = re.search(r'href="(/groups/[^"]+/evidence/(\d+)/file/)"[^>]*>[^<]*' + re.escape(title), html)
    if not match:
        match = re.search(r'href="(/groups/[^"]+/evidence/(\d+)/file/)"', html[html.find(title) :])
    expect(status == 200 and title in html and match, f"B's evidence list shows {title!r}")
    status, downloaded, _headers = raw_request(coordinator, match.group(1))
    expect(
        status == 200 and downloaded == content,
        f"B downloads {len(downloaded)} bytes from {match.group(1)}, identical to the upload",
    )

    added = {key: size for key, size in bucket_objects(s3, bucket).items() if key not in before}
    stored = [key for key in added if s3.get_object(Bucket=bucket, Key=key)["Body"].read() == content]
    expect(len(stored) == 1, f"the bucket holds it: {stored} (new objects {added})")
    private_root = WORK / "private"
    on_disk = [str(path) for path in private_root.rglob("*") if path.is_file()] if private_root.exists() else []
    expect(not on_disk, f"the private media root {private_root} holds no file {on_disk or ''}".rstrip())


def check_email(a, b, worker):
    person = Browser(a)
    status, html, _ = person.get("/accounts/password/reset/")
    token = person.csrf_token(html)
    log_start = WORKER_LOG.stat().st_size
    began = time.monotonic()
    status, _html, headers = person.request(
        "/accounts/password/reset/", data={"csrfmiddlewaretoken": token, "email": RESET_FOR}
    )
    took = time.monotonic() - began
    expect(status == 302, f"A answered the reset request for {RESET_FOR} (302 to {headers.get('Location')})")
    expect(took < REQUEST_RETURNS_WITHIN, f"the request returned in {took:.2f}s (bound {REQUEST_RETURNS_WITHIN:.0f}s)")

    deadline, delivered = time.monotonic() + WORKER_WITHIN, None
    while delivered is None and time.monotonic() < deadline and worker.poll() is None:
        text = WORKER_LOG.read_bytes()[log_start:].decode(errors="replace")
        if f"To: {RESET_FOR}" in text and "/accounts/password/reset/" in text:
            delivered = time.monotonic() - began
        else:
            time.sleep(0.25)
    expect(delivered is not None, f"the worker's output ({WORKER_LOG.name}) holds the email to {RESET_FOR}")
    link = re.search(r"https?://\S+/accounts/password/reset/\S+/", WORKER_LOG.read_text(errors="replace"))
    expect(link, f"delivered {delivered:.1f}s after the request, with the reset link {link and link.group(0)}")
    web_logs = [OUT / "scale-out-a.log", OUT / "scale-out-b.log"]
    expect(
        not any(f"To: {RESET_FOR}" in path.read_text(errors="replace") for path in web_logs),
        "neither web server's output holds it: the web request only queued it",
    )


# The pathway's groups: stored progress against a recount made as learning.services.progress.recompute
# makes it, the new step's state, and the recount tasks the worker ran for this pathway.
RECOUNT = """
import json
from django.db.models import Count, Q
from django_tasks_db.models import DBTaskResult
from learning.models import COMPLETE_STATUSES, Enrolment, PathwayProgress, StepPage, StepProgress, StepStatus
pathway_id = %(pathway)d
live = StepPage.objects.filter(pathway_id=pathway_id).live()
rows = []
for enrolment in Enrolment.objects.filter(pathway_id=pathway_id).select_related("group").order_by("pk"):
    counts = StepProgress.objects.filter(group=enrolment.group, step__in=live).aggregate(
        done=Count("pk", filter=Q(status__in=COMPLETE_STATUSES)),
        not_applicable=Count("pk", filter=Q(status=StepStatus.NOT_APPLICABLE)),
    )
    total = max(live.count() - counts["not_applicable"], 0)
    stored = PathwayProgress.objects.filter(group=enrolment.group, pathway_id=pathway_id).first()
    rows.append({"group": enrolment.group.slug, "stored": stored and [stored.done, stored.total],
                 "recount": [min(counts["done"], total), total]})
tasks = [
    {"status": task.status, "worker_ids": task.worker_ids, "return_value": task.return_value}
    for task in DBTaskResult.objects.filter(task_path="learning.tasks.recount_pathway").order_by("enqueued_at")
    if task.args_kwargs.get("args") == [pathway_id]
]
print(json.dumps({"live_steps": live.count(), "step_live": live.filter(pk=%(step)d).exists(), "groups": rows,
                  "tasks": tasks}))
"""


def check_recount(a, env, editor, setup):
    before = django_shell(RECOUNT % setup, env)
    expect(
        not before["step_live"] and before["groups"],
        f"pathway {setup['pathway']} has {before['live_steps']} live steps and {len(before['groups'])} enrolled "
        f"groups; the new step {setup['step']} is a draft; {len(before['tasks'])} recount tasks so far",
    )
    editor.base_url = a
    status, _html, _ = editor.submit(
        f"/admin/pages/{setup['step']}/edit/",
        "page-edit-form",
        changes={},
        # Wagtail's script writes the (empty) body's and Easy Read version's block counts into the form; this
        # browser runs no script.
        extra={"action-publish": "action-publish", "body-count": "0", "easy_read-count": "0"},
    )
    expect(status == 302, f"the editor published the new step through A's admin (status {status})")
    deadline = time.monotonic() + WORKER_WITHIN
    while True:
        after = django_shell(RECOUNT % setup, env)
        wrong = [row for row in after["groups"] if row["stored"] != row["recount"]]
        queued = after["tasks"][len(before["tasks"]) :]  # by this publish
        finished = [task for task in queued if task["status"] == "SUCCESSFUL"]
        if (after["step_live"] and finished and not wrong) or time.monotonic() > deadline:
            break
        time.sleep(1)
    expect(after["step_live"], f"the step is live: the pathway has {after['live_steps']} live steps")
    expect(
        len(queued) == 1 and finished and all(task["worker_ids"] for task in finished),
        f"the publish queued {len(queued)} recount task(s), run by the worker: {queued}",
    )
    totals = sorted({f"{old['stored'][1] if old['stored'] else None}->{new['stored'][1]}"
                     for old, new in zip(before["groups"], after["groups"], strict=True) if new["stored"]})  # fmt: skip
    expect(
        not wrong,
        f"stored progress equals a recount for all {len(after['groups'])} groups (totals {', '.join(totals)})"
        + (f"; differ: {wrong}" if wrong else ""),
    )


if __name__ == "__main__":
    sys.exit(main())
