"""Scale-out on one machine: two gunicorn servers share one PostgreSQL database and one Redis.

A person signs in through server A and carries on through server B; signing out through B
signs them out of A too; a second factor given through one server holds on the other; an
editor publishes a page in Wagtail's admin through A and the change is seen at once through B
(no stale cache on either). Exits non-zero on the first
failure. Needs PostgreSQL (DATABASE_URL, or a fresh database on 127.0.0.1) and Redis.

    .venv/bin/python bench/scale_out.py                     # fresh database, Redis db 7
    DATABASE_URL=postgres://... REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/scale_out.py
"""

import os
import re
import secrets
import subprocess
import sys
import time
from contextlib import ExitStack

from harness import OUT, Browser, bench_env, gunicorn, manage

ADMIN_EMAIL = "scale-out-editor@example.org"


def check(condition, message):
    if not condition:
        raise SystemExit(f"FAILED: {message}")
    print(f"  ok: {message}", flush=True)


def psql(sql):
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql, "postgres"], check=True)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    fresh_db = None
    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        fresh_db = f"hub_scale_out_{int(time.time())}_{os.getpid()}"
        psql(f"CREATE DATABASE {fresh_db}")
        database_url = f"postgres://postgres@127.0.0.1:5432/{fresh_db}"
    check(database_url.startswith("postgres"), "the database is PostgreSQL")
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/7")
    password = secrets.token_urlsafe(16)
    # One key prefix per run: the shared Redis may hold other runs' keys, and nothing is flushed.
    env = bench_env(
        database_url=database_url,
        redis_url=redis_url,
        CACHE_KEY_PREFIX=f"scale-out-{secrets.token_hex(4)}",
        DJANGO_SUPERUSER_EMAIL=ADMIN_EMAIL,
        DJANGO_SUPERUSER_PASSWORD=password,
        DJANGO_SUPERUSER_DISPLAY_NAME="Scale-out editor",
    )
    try:
        print(f"Database {database_url.rsplit('@', 1)[-1]}, Redis {redis_url}", flush=True)
        manage("migrate", "--noinput", env=env)
        manage("collectstatic", "--noinput", env=env)
        manage("load_demo", "--force", env=env)
        try:
            manage("createsuperuser", "--noinput", env=env)
        except RuntimeError as error:
            if "already" not in str(error):
                raise
        run(env, password)
    finally:
        if fresh_db:
            psql(f"DROP DATABASE IF EXISTS {fresh_db} WITH (FORCE)")
    print("Scale-out: passed")


def run(env, password):
    with ExitStack() as servers:
        a = servers.enter_context(gunicorn(env=env, workers=2, log_path=OUT / "scale-out-a.log"))
        b = servers.enter_context(gunicorn(env=env, workers=2, log_path=OUT / "scale-out-b.log"))
        print(f"Server A {a}, server B {b}", flush=True)

        print("A session started on one server carries on through the other:")
        person = Browser(a).sign_in("editor@example.org")
        person.base_url = b
        status, html, _ = person.get("/accounts/")
        check(status == 200 and "editor@example.org" in html, "signed in through A, the account page works through B")
        status, _html, _ = person.post_form("/accounts/sign-out/")
        check(status in (200, 302), "signed out through B")
        person.base_url = a
        status, _html, headers = person.get("/accounts/")
        check(status == 302 and "/accounts/sign-in/" in headers["Location"], "and A no longer knows the session")

        print("Staff give a second factor once, and it holds on both servers:")
        staff = Browser(a).sign_in("editor@example.org", second_factor=False)
        status, _html, headers = staff.get("/admin/")
        check(status == 302 and "/accounts/two-factor/verify/" in headers["Location"], "A's admin waits for a code")
        staff.base_url = b
        status, _html, headers = staff.get("/admin/")
        check(status == 302 and "/accounts/two-factor/verify/" in headers["Location"], "so does B's")
        staff.give_second_factor("editor@example.org")
        staff.base_url = a
        status, _html, _ = staff.get("/admin/")
        check(status == 200, "after a code given through B, A's admin opens")

        print("A page published through A is seen at once through B:")
        editor = Browser(a).sign_in(ADMIN_EMAIL, password)
        visitor_b = Browser(b)
        status, html, _ = visitor_b.get("/about/")
        check(status == 200 and "About the Hub" in html, "B serves the about page (and may cache it)")
        page_id = page_id_of(editor, "/about/")
        new_title = f"About the Hub, edited {secrets.token_hex(3)}"
        status, _html, _ = editor.submit(
            f"/admin/pages/{page_id}/edit/",
            "page-edit-form",
            changes={"title": new_title},
            extra={"action-publish": "action-publish"},
        )
        check(status == 302, "the editor published the change through A's admin")
        for server, name in ((b, "B"), (a, "A")):
            status, html, _ = Browser(server).get("/about/")
            check(status == 200 and new_title in html, f"{name} serves the new title straight away")
        status, html, _ = visitor_b.get("/")
        check(new_title in html, "B's navigation shows the new title too")


def page_id_of(editor, url):
    """The page's id, from Wagtail's admin search (the script knows no ids in advance)."""
    status, html, _ = editor.get("/admin/pages/search/?q=About")
    match = re.search(r'href="/admin/pages/(\d+)/edit/"[^>]*>\s*(?:<[^>]+>\s*)*About the Hub', html)
    if status != 200 or not match:
        raise SystemExit(f"FAILED: could not find the page at {url} in the admin")
    return match.group(1)


if __name__ == "__main__":
    sys.exit(main())
