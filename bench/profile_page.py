"""One page, looked at closely: its SQL queries and the CPU time it costs per request, with a profile.

CPU time per request and the number of queries hardly change with the load of a shared machine, so
this compares a change before and after where a wrk run (bench/run) would mostly measure the load.

    .venv/bin/python bench/profile_page.py --database-url sqlite:////tmp/hub.sqlite3 step
    .venv/bin/python bench/profile_page.py --database-url ... dashboard --queries --profile 25
    .venv/bin/python bench/profile_page.py --database-url ... portfolio --by-area

`--query-times` times each query of the measured requests (wall time, so a commit's wait for the disk
counts) and prints the median of each.

`--by-area` says where the CPU goes, as shares of the time spent in each function's own code, grouped
by where the function lives (Django's templates, its ORM, the database driver, Wagtail, the Hub's apps...).

Pages: the rows bench/run measures (found the same way, `bench/probe.py`): baseline, step, step-visitor,
dashboard, profile, mark-done, portfolio, export; or a path with `--user EMAIL`. Settings: the bench
settings (production over plain http), the database given; the bench data need not be loaded.
"""

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness import bench_env  # noqa: E402

PAGES = {
    "baseline": "simplest Wagtail page (baseline)",
    "step-visitor": "step page (visitor)",
    "step": "step page (member)",
    "dashboard": "group dashboard (member)",
    "profile": "readiness profile (member)",
    "mark-done": "mark done / undo POST (member)",
    "portfolio": "funder portfolio",
    "export": "portfolio CSV export",
}


def find_target(page, user):
    import probe  # import here because it sets Django up, which needs the environment set first

    if page.startswith("/"):
        return {"name": page, "path": page, "user": user, "method": "GET", "data": None}
    wanted = PAGES[page]
    for target in probe.discover():
        if target["name"].startswith(wanted):
            return target
    raise SystemExit(f"no {wanted!r} in this database")


def signed_in_client(target):
    import probe  # import here because it sets Django up, which needs the environment set first
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    if target.get("user"):
        user = get_user_model().objects.get(email__iexact=target["user"])
        client.force_login(user)
        probe.give_second_factor(client, user)
    return client


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", help=f"one of {', '.join(PAGES)}, or a path")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--user", help="email of the person asking (with a path)")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--queries", action="store_true", help="print the SQL of one request")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print the N costliest functions")
    parser.add_argument(
        "--sort",
        choices=("cumulative", "tottime"),
        default="cumulative",
        help="order the profile by time inside and below each function, or inside it only",
    )
    parser.add_argument("--by-area", action="store_true", help="print the share of CPU each area of code takes")
    parser.add_argument(
        "--query-times",
        action="store_true",
        help="time each query of the measured requests (wall, the database's own work too) and print the medians",
    )
    parser.add_argument(
        "--callers", metavar="NAME", help="print who calls the functions whose name or file matches NAME, and how often"
    )
    parser.add_argument(
        "--against",
        metavar="PAGE",
        help="interleave with PAGE (e.g. baseline) in rounds and print the median CPU ratio, steady on a noisy machine",
    )
    args = parser.parse_args()
    if not args.database_url:
        parser.error("--database-url (or DATABASE_URL) is needed")
    os.environ.update(bench_env(database_url=args.database_url))

    target = find_target(args.page, args.user)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    one = requester(target)
    if args.against:
        compare(target, one, find_target(args.against, None), args.requests)
        return

    for number in range(3):
        one(number)
    with CaptureQueriesContext(connection) as queries:
        response = one(0)
    print(f"{target['name']}: {target['path']} -> {response.status_code}, {len(queries)} queries")
    if args.queries:
        for query in queries.captured_queries:
            print(
                f"  {query['time']}s  {query['sql'][:300]}" if not os.environ.get("FULL_SQL") else f"  {query['sql']}"
            )
    profiler = cProfile.Profile() if args.profile or args.by_area or args.callers else None
    started_cpu, started = time.process_time(), time.perf_counter()
    if profiler:
        profiler.enable()
    timed = QueryTimes()
    with connection.execute_wrapper(timed) if args.query_times else contextlib.nullcontext():
        for number in range(args.requests):
            one(number)
    if profiler:
        profiler.disable()
    cpu, wall = time.process_time() - started_cpu, time.perf_counter() - started
    print(f"CPU {1000 * cpu / args.requests:.2f} ms per request, wall {1000 * wall / args.requests:.2f} ms")
    if args.query_times:
        timed.report(args.requests)
    if profiler and args.profile:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.profile)
        print(out.getvalue())
    if profiler and args.callers:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_callers(args.callers)
        print(out.getvalue())
    if profiler and args.by_area:
        shares = by_area(pstats.Stats(profiler))
        total = sum(shares.values()) or 1
        for area, seconds in sorted(shares.items(), key=lambda item: -item[1]):
            print(f"  {100 * seconds / total:5.1f}%  {1000 * seconds / args.requests:6.2f} ms  {area}")


class QueryTimes:
    """An `execute_wrapper` that times each query of a request, by its place in the request's queries."""

    def __init__(self):
        self.times = {}

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.times.setdefault(" ".join(sql.split())[:90], []).append(time.perf_counter() - started)

    def report(self, requests):
        total = sum(sum(times) for times in self.times.values())
        print(f"queries: {1000 * total / requests:.2f} ms a request in all")
        for sql, times in self.times.items():
            print(f"  {1000 * statistics.median(times):7.3f} ms median, {len(times) / requests:g} a request  {sql}")


def requester(target):
    """`one(number)`: one request for `target` by its own signed-in client (alternating its two bodies).

    Every request carries the cookies the client had once signed in, as wrk sends the same cookie header
    each time: a cookie a response sets is not sent back. Else the success messages of a thousand presses
    of "done", never shown as no one follows the redirect, would pile up in the messages cookie and be
    encoded again on every request, a cost no real browser pays.
    """
    client = signed_in_client(target)
    signed_in_cookies = SimpleCookie(client.cookies)
    bodies = [target.get("data") or {}, target.get("alternate_data") or target.get("data") or {}]
    send = client.post if target.get("method") == "POST" else client.get

    def one(number):
        client.cookies = SimpleCookie(signed_in_cookies)
        response = send(target["path"], bodies[number % 2])
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        return response

    return one


def compare(target, one, other_target, requests, rounds=10):
    """CPU per request of `target` and `other_target`, measured in alternating rounds so that a machine
    whose speed drifts (a shared VM) slows both alike; prints the medians and the median ratio."""
    other = requester(other_target)
    for number in range(5):
        one(number)
        other(number)
    per_round = max(1, requests // rounds)
    mine, theirs = [], []
    for _ in range(rounds):
        for requests_of, times in ((one, mine), (other, theirs)):
            started = time.process_time()
            for number in range(per_round):
                requests_of(number)
            times.append(1000 * (time.process_time() - started) / per_round)
    ratios = sorted(b / a for a, b in zip(mine, theirs, strict=True))
    print(f"{target['name']}: median CPU {statistics.median(mine):.2f} ms per request")
    print(f"{other_target['name']}: median CPU {statistics.median(theirs):.2f} ms per request")
    print(
        f"ratio ({other_target['name']} / {target['name']}): median {statistics.median(ratios):.2f}, "
        f"range {ratios[0]:.2f}-{ratios[-1]:.2f} over {rounds} rounds of {per_round}"
    )


# Where a function's own time is counted, by the first of these its file path contains.
AREAS = [
    ("/django/template/", "Django templates"),
    ("/django/templatetags/", "Django templates"),
    ("/wagtail/templatetags/", "Django templates"),
    ("/django/db/models/", "Django ORM (building queries, making objects)"),
    ("/django/db/backends/", "database driver and backend"),
    ("sqlite3", "database driver and backend"),
    ("psycopg", "database driver and backend"),
    ("/psycopg", "database driver and backend"),
    ("/django/contrib/sessions/", "sessions, sign-in, two-step"),
    ("/django/contrib/auth/", "sessions, sign-in, two-step"),
    ("/django_otp/", "sessions, sign-in, two-step"),
    ("/django/utils/translation/", "translation"),
    ("gettext", "translation"),
    ("/django/urls/", "URL resolving and reversing"),
    ("/wagtail/", "Wagtail (routing, pages, locales)"),
    ("/modelcluster/", "Wagtail (routing, pages, locales)"),
    ("/django/", "Django (other: middleware, requests, forms, utils)"),
    ("/work/", "the Hub's own code"),
    ("/site-packages/", "other libraries"),
    ("pickle", "cache reads and writes (pickling)"),
    ("_pickle", "cache reads and writes (pickling)"),
]


def by_area(stats):
    shares = {}
    for (filename, _line, _name), (_calls, _primitive, own_time, _cumulative, _callers) in stats.stats.items():
        where = filename if filename != "~" else _name  # built-ins: the name says whose method it is
        area = next((label for part, label in AREAS if part in where), "Python itself (built-ins, re, copying)")
        if "/.venv/" not in filename and "/work/" in filename:
            area = "the Hub's own code"
        shares[area] = shares.get(area, 0) + own_time
    return shares


if __name__ == "__main__":
    main()
