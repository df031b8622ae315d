"""Load without loss: many members of different groups at once, then prove nothing was lost.

For a fixed time, N simulated members (each of a different bench group, signed in through the
real form) mark steps done and undone and add reflections, while funder reviewers read their
portfolios and CSV exports, against PostgreSQL and several gunicorn workers. Afterwards it checks
that every write the server acknowledged (a redirect after the POST) is in the database, that
each group's stored PathwayProgress equals a fresh recount from its step records, and that
every response was the expected 200 or 302 (no 5xx, no timeout, no refused form). Exits
non-zero on any loss. Without DATABASE_URL it makes its own PostgreSQL database and drops it.

    .venv/bin/python bench/load_without_loss.py                  # 50 members, 60 s, fresh database
    .venv/bin/python bench/load_without_loss.py --members 50 --seconds 20
"""

import argparse
import os
import random
import secrets
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from harness import OUT, ROOT, Browser, bench_env, gunicorn, manage, postgres_database

FUNDER_READERS = 3
# Every request the clients make is allowed: anything else than these is a failure.
EXPECTED_STATUSES = {200, 302}


class Tally:
    """What the clients saw, shared between threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.failures = []
        # (group id, step id) -> the last status the server acknowledged; None once unknown.
        self.expected = {}
        self.reflections = []

    def saw(self, status, what, expected=EXPECTED_STATUSES):
        with self.lock:
            self.statuses[status] += 1
            if status not in expected:
                self.failures.append(f"{status or 'no answer'} on {what}")


def setup_django(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def plan_members(count):
    """One member (not the coordinator) from each of `count` enrolled bench groups, with their member steps."""
    from django.db import connections

    from learning.models import CompletionRule, Membership, Role, StepPage

    plans = []
    memberships = (
        Membership.objects.active()
        .filter(role=Role.MEMBER, group__slug__startswith="bench-group-", group__enrolments__isnull=False)
        .select_related("user", "group")
        .order_by("group_id", "pk")
    )
    seen = set()
    for membership in memberships:
        if membership.group_id in seen:
            continue
        seen.add(membership.group_id)
        steps = list(
            StepPage.objects.live()
            .filter(pathway__enrolments__group=membership.group, completion_rule=CompletionRule.MEMBER)
            .values_list("pk", flat=True)
        )
        plans.append({"email": membership.user.email, "group": membership.group, "steps": steps})
        if len(plans) == count:
            break
    connections.close_all()
    return plans


def send(browser, path, data, tally):
    """POST a form; the status, or 0 when the server did not answer in time."""
    try:
        status, _body, _headers = browser.post_form(path, data)
    except OSError:
        status = 0
    tally.saw(status, path)
    return status


def member_client(browser, plan, deadline, tally, seed):
    rng = random.Random(seed)  # noqa: S311 (load pattern, not secrets)
    group = plan["group"]
    while time.monotonic() < deadline[0]:
        step_id = rng.choice(plan["steps"])
        key = (group.pk, step_id)
        if rng.random() < 0.2:
            token = secrets.token_hex(8)
            path = f"/groups/{group.slug}/steps/{step_id}/reflections/new/"
            if send(browser, path, {"text": f"Load test reflection {token}"}, tally) == 302:
                with tally.lock:
                    tally.reflections.append(token)
            continue
        action = rng.choice(("done", "undo"))
        path = f"/groups/{group.slug}/steps/{step_id}/status/"
        status = send(browser, path, {"action": action}, tally)
        with tally.lock:
            # Acknowledged: this is now the step's state. Anything else: the state is unknown.
            tally.expected[key] = action if status == 302 else None


def funder_client(browser, deadline, tally):
    page = 1
    while time.monotonic() < deadline[0]:
        for path in (f"/funders/?page={page}", "/funders/export.csv"):
            try:
                status, _body, _headers = browser.get(path, timeout=60)
            except OSError:
                status = 0
            # Only a 200: a redirect would mean the funder was signed out or never gave a second factor.
            tally.saw(status, path, expected=(200,))
        page = page % 5 + 1


def verify(tally):
    """Every acknowledged write is there; stored progress equals a fresh recount."""
    from django.db.models import Count, Q

    from learning.models import COMPLETE_STATUSES, Enrolment, PathwayProgress, Reflection, StepPage, StepProgress

    problems = []
    checked = 0
    for (group_id, step_id), action in tally.expected.items():
        if action is None:
            continue
        record = StepProgress.objects.filter(group_id=group_id, step_id=step_id).first()
        complete = record is not None and record.status in COMPLETE_STATUSES
        checked += 1
        if complete != (action == "done"):
            problems.append(
                f"group {group_id} step {step_id}: acknowledged {action!r}, stored {record and record.status}"
            )
    found = Reflection.objects.filter(text__contains="Load test reflection").values_list("text", flat=True)
    found_tokens = {text.rsplit(" ", 1)[-1].removesuffix("</p>") for text in found}
    missing = [token for token in tally.reflections if token not in found_tokens]
    problems += [f"acknowledged reflection {token} is missing" for token in missing]
    groups_checked = 0
    for enrolment in Enrolment.objects.filter(group__slug__startswith="bench-group-"):
        live = StepPage.objects.filter(pathway_id=enrolment.pathway_id).live()
        counts = StepProgress.objects.filter(group_id=enrolment.group_id, step__in=live).aggregate(
            done=Count("pk", filter=Q(status__in=COMPLETE_STATUSES)),
            not_applicable=Count("pk", filter=Q(status="not_applicable")),
        )
        total = live.count() - counts["not_applicable"]
        stored = PathwayProgress.objects.filter(group_id=enrolment.group_id, pathway_id=enrolment.pathway_id).first()
        groups_checked += 1
        if stored is None or (stored.done, stored.total) != (counts["done"], total):
            problems.append(
                f"group {enrolment.group_id} pathway {enrolment.pathway_id}: stored "
                f"{stored and (stored.done, stored.total)}, recount {(counts['done'], total)}"
            )
    print(
        f"Checked {checked} acknowledged step changes, {len(tally.reflections)} reflections, "
        f"{groups_checked} stored progress summaries."
    )
    if not (checked and tally.reflections and groups_checked):
        problems.append("too little was written or checked to prove anything")
    return problems


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (each with 4 threads)")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    with postgres_database("hub_load") as database_url:
        if not database_url.startswith("postgres"):
            raise SystemExit("load_without_loss needs PostgreSQL (set DATABASE_URL or run PostgreSQL on 127.0.0.1)")
        env = bench_env(database_url=database_url, AXES_FAILURE_LIMIT=1000)
        try:
            return run(env, args)
        finally:
            from django.conf import settings

            if settings.configured:  # Django was set up for the checks: let go of the database
                from django.db import connections

                connections.close_all()


def run(env, args):
    started = time.monotonic()
    manage("migrate", "--noinput", env=env)
    manage("collectstatic", "--noinput", env=env)
    manage("load_demo", "--force", env=env)
    groups = args.members + 10
    bench_data = ["--groups", str(groups), "--shared", str(groups), "--funders", str(FUNDER_READERS)]
    manage("generate_bench_data", "--force", *bench_data, "--via-services", "3", env=env)
    setup_django(env)
    plans = plan_members(args.members)
    if len(plans) < args.members:
        raise SystemExit(f"only {len(plans)} enrolled bench groups with a member; wanted {args.members}")
    print(f"Data ready in {time.monotonic() - started:.0f}s: {len(plans)} members of different groups.", flush=True)
    tally = Tally()
    log_path = Path(OUT / "load-without-loss.log")
    with gunicorn(env=env, workers=args.workers, threads=4, log_path=log_path) as base_url:
        # Sign everyone in first (password hashing is slow on purpose), then start the clock.
        members = [Browser(base_url).sign_in(plan["email"]) for plan in plans]
        funders = [Browser(base_url).sign_in(f"bench-funder-{n}@example.org") for n in range(1, FUNDER_READERS + 1)]
        deadline = [time.monotonic() + args.seconds]
        threads = [
            threading.Thread(target=member_client, args=(browser, plan, deadline, tally, index))
            for index, (browser, plan) in enumerate(zip(members, plans, strict=True))
        ]
        threads += [threading.Thread(target=funder_client, args=(browser, deadline, tally)) for browser in funders]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    total = sum(tally.statuses.values())
    print(
        f"{total} requests in {args.seconds}s ({total / args.seconds:.0f}/s) by {len(plans)} members and "
        f"{FUNDER_READERS} funders; statuses {dict(sorted(tally.statuses.items()))}",
        flush=True,
    )
    problems = [f"unexpected answer: {failure}" for failure in tally.failures[:20]] + verify(tally)
    if problems:
        print("Load without loss: FAILED")
        for problem in problems[:50]:
            print(f"  {problem}")
        return 1
    print("Load without loss: passed (every answer a 200 or 302, every acknowledged write present, progress = recount)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
