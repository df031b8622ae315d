"""One page, looked at closely: its SQL queries and the CPU time it costs per request, with a profile.

CPU time per request and the number of queries hardly change with the load of a shared machine, so
this compares a change before and after where a wrk run (bench/run) would mostly measure the load.

    .venv/bin/python bench/profile_page.py --database-url sqlite:////tmp/hub.sqlite3 step
    .venv/bin/python bench/profile_page.py --database-url ... dashboard --queries --profile 25

Pages: the rows bench/run measures (found the same way, `bench/probe.py`): baseline, step, step-visitor,
dashboard, profile, mark-done, portfolio, export; or a path with `--user EMAIL`. Settings: the bench
settings (production over plain http), the database given; the bench data need not be loaded.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
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
    args = parser.parse_args()
    if not args.database_url:
        parser.error("--database-url (or DATABASE_URL) is needed")
    os.environ.update(bench_env(database_url=args.database_url))

    target = find_target(args.page, args.user)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in_client(target)
    bodies = [target.get("data") or {}, target.get("alternate_data") or target.get("data") or {}]
    send = client.post if target.get("method") == "POST" else client.get

    def one(number):
        response = send(target["path"], bodies[number % 2])
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        return response

    for number in range(3):
        one(number)
    with CaptureQueriesContext(connection) as queries:
        response = one(0)
    print(f"{target['name']}: {target['path']} -> {response.status_code}, {len(queries)} queries")
    if args.queries:
        for query in queries.captured_queries:
            print(f"  {query['time']}s  {query['sql'][:300]}")
    profiler = cProfile.Profile() if args.profile else None
    started_cpu, started = time.process_time(), time.perf_counter()
    if profiler:
        profiler.enable()
    for number in range(args.requests):
        one(number)
    if profiler:
        profiler.disable()
    cpu, wall = time.process_time() - started_cpu, time.perf_counter() - started
    print(f"CPU {1000 * cpu / args.requests:.2f} ms per request, wall {1000 * wall / args.requests:.2f} ms")
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.profile)
        print(out.getvalue())


if __name__ == "__main__":
    main()
