"""A group meeting against the demo server: everyone pressing "done" and "undo" on the same steps at once.

Three people of the demo group Riverside Tenants Together (its coordinator, its member and its
facilitator), each signed in four times as with four browser tabs, press "done" or "undo" on the
same three steps for 30 seconds and follow each answer back to the step page, as a browser does.
Then it counts the answers by status and checks the database: each group's stored progress must
equal a recount, and each pressed step's activity log must alternate "done", "undone"... (two
presses never both acted on the same old status). Exits non-zero on any server error, any press
not answered by a return to the step, or any mismatch.

By default it serves the demo exactly as a newcomer does, with `make run` on a spare port, on its
own SQLite file (bench/out/storm.sqlite3, made afresh), and stops it afterwards. With --url it
presses on a server already running (say `make run`, on db.sqlite3); give --database-url if that
server does not use db.sqlite3. It changes Riverside's progress on the pressed steps.

    .venv/bin/python bench/storm.py
    .venv/bin/python bench/storm.py --seconds 10
    .venv/bin/python bench/storm.py --url http://127.0.0.1:8000
"""

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from harness import OUT, PYTHON, ROOT, Browser, free_port, stop_process_group, wait_until_up

GROUP = "riverside-tenants-together"
PEOPLE = ["coordinator@example.org", "member@example.org", "facilitator@example.org"]
SESSIONS_EACH = 4
STEPS = 3

# Which live steps of the group's first pathway to press on (steps any member can mark done).
FIND_STEPS = """
import json
from learning.models import CommunityGroup, Enrolment, StepPage
group = CommunityGroup.objects.get(slug=%(group)r)
enrolment = Enrolment.objects.filter(group=group).order_by("pk").first()
steps = StepPage.objects.filter(pathway_id=enrolment.pathway_id, completion_rule="member").live().order_by("path")
print(json.dumps([step.pk for step in steps[:%(count)d]]))
"""

# Every group's stored progress against a recount made the way learning.services.progress.recompute
# makes it, and each pressed step's activity log since the storm began.
CHECK = """
import datetime, json
from django.db.models import Count, Q
from learning.models import COMPLETE_STATUSES, ActivityEntry, PathwayProgress, StepPage, StepProgress, StepStatus
mismatches, checked = [], 0
for summary in PathwayProgress.objects.select_related("group"):
    live = StepPage.objects.filter(pathway_id=summary.pathway_id).live()
    counts = StepProgress.objects.filter(group=summary.group, step__in=live).aggregate(
        done=Count("pk", filter=Q(status__in=COMPLETE_STATUSES)),
        not_applicable=Count("pk", filter=Q(status=StepStatus.NOT_APPLICABLE)),
    )
    total = max(live.count() - counts["not_applicable"], 0)
    recount = (min(counts["done"], total), total)
    checked += 1
    if (summary.done, summary.total) != recount:
        mismatches.append(f"{summary.group.slug} pathway {summary.pathway_id}: "
                          f"stored {(summary.done, summary.total)}, recount {recount}")
since = datetime.datetime.fromtimestamp(%(since)f, tz=datetime.UTC)
logs = {}
for step in %(steps)r:
    logs[step] = list(ActivityEntry.objects.filter(group__slug=%(group)r, step_id=step, created_at__gte=since)
                      .order_by("pk").values_list("verb", flat=True))
print(json.dumps({"checked": checked, "mismatches": mismatches, "logs": logs}))
"""


def django_shell(code, env):
    """Run code in `manage.py shell` against the server's database; return the JSON it prints last."""
    result = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py shell failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def demo_env(database_url):
    """The environment `make run` gives manage.py: development settings, DEBUG off, this database."""
    env = {key: value for key, value in os.environ.items() if key not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}}
    env["DATABASE_URL"] = database_url
    return env


@contextmanager
def make_run(*, port, database_url, log_path):
    """`make run` on `port` (migrate, load the demo, serve): yields its URL, stops everything it started."""
    log = open(log_path, "w")  # noqa: SIM115
    server = subprocess.Popen(  # noqa: S603
        ["make", "run", f"PORT={port}"],  # noqa: S607
        cwd=ROOT,
        env=demo_env(database_url),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        # A fresh clone migrates and loads the demo first: minutes on a busy machine.
        wait_until_up(base_url, timeout=900)
        yield base_url
    finally:
        stop_process_group(server, timeout=20)
        log.close()


class Tally:
    """What the tabs saw, shared between their threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.presses = Counter()  # status of each "done"/"undo" POST
        self.pages = Counter()  # status of the step page each press led back to
        self.failures = Counter()
        self.seconds = []

    def press(self, status, seconds, failure=None):
        with self.lock:
            self.presses[status] += 1
            self.seconds.append(seconds)
            if failure:
                self.failures[failure] += 1

    def page(self, status):
        with self.lock:
            self.pages[status] += 1
            if status != 200:
                self.failures[f"step page answered {status}"] += 1


def press_until(deadline, *, browser, tab, steps, tally):
    """One tab: press "done" or "undo" on one of the steps, follow the answer, again until the deadline."""
    chooser = random.Random(tab)  # noqa: S311 - a repeatable storm, not a secret
    while time.monotonic() < deadline:
        step, action = chooser.choice(steps), chooser.choice(("done", "undo"))
        started = time.monotonic()
        try:
            status, _body, headers = browser.request(
                f"/groups/{GROUP}/steps/{step}/status/",
                data={"csrfmiddlewaretoken": browser.cookie("csrftoken") or "", "action": action},
            )
        except OSError as error:  # no answer at all (refused, reset, timed out)
            tally.press("no answer", time.monotonic() - started, f"no answer: {error}")
            continue
        location = headers.get("Location", "") if status == 302 else ""
        back_to_step = location.endswith(f"?group={GROUP}")
        tally.press(status, time.monotonic() - started, None if back_to_step else f"press answered {status}")
        if back_to_step:
            try:
                tally.page(browser.get(location)[0])
            except OSError:
                tally.page("no answer")


def sign_in_everyone(base_url):
    tabs = []
    for email in PEOPLE:
        for _session in range(SESSIONS_EACH):
            # The facilitator gives a code from the demo's authenticator secret; one code works once, so
            # each of their sessions may wait for the next 30-second code.
            tabs.append(Browser(base_url).sign_in(email))
        print(f"  signed in {email} {SESSIONS_EACH} times", flush=True)
    return tabs


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else 0.0


def storm(base_url, *, env, seconds):
    """Press for `seconds`, check the database, print the result; True when nothing went wrong."""
    steps = django_shell(FIND_STEPS % {"group": GROUP, "count": STEPS}, env)
    print(f"Signing in {len(PEOPLE)} people x {SESSIONS_EACH} sessions at {base_url}", flush=True)
    tabs = sign_in_everyone(base_url)
    tally = Tally()
    began = time.time()
    deadline = time.monotonic() + seconds
    print(f"Pressing done/undo on steps {steps} of {GROUP} for {seconds} s from {len(tabs)} tabs", flush=True)
    threads = []
    for tab, browser in enumerate(tabs):
        work = {"browser": browser, "tab": tab, "steps": steps, "tally": tally}
        threads.append(threading.Thread(target=press_until, args=(deadline,), kwargs=work))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    found = django_shell(CHECK % {"since": began, "steps": steps, "group": GROUP}, env)

    pressed = sum(tally.presses.values())
    server_errors = sum(count for status, count in tally.presses.items() if isinstance(status, int) and status >= 500)
    server_errors += sum(count for status, count in tally.pages.items() if isinstance(status, int) and status >= 500)
    print(f"\nPresses: {pressed} ({pressed / seconds:.1f} a second)")
    print("  answers to the presses:   " + ", ".join(f"{s}: {n}" for s, n in sorted(tally.presses.items(), key=str)))
    print("  step pages after a press: " + ", ".join(f"{s}: {n}" for s, n in sorted(tally.pages.items(), key=str)))
    print(
        f"  press answered in: median {percentile(tally.seconds, 0.5):.2f} s, "
        f"95% within {percentile(tally.seconds, 0.95):.2f} s, slowest {max(tally.seconds, default=0):.2f} s"
    )
    print(f"  server errors (5xx): {server_errors}")
    for failure, count in tally.failures.most_common():
        print(f"  FAILED {count} x {failure}")
    print(f"Stored progress equals a recount for {found['checked'] - len(found['mismatches'])} of {found['checked']}")
    for mismatch in found["mismatches"]:
        print(f"  MISMATCH {mismatch}")
    out_of_turn = []
    for step, log in found["logs"].items():
        changes = [verb for verb in log if verb in ("marked_done", "undone")]
        if any(first == second for first, second in zip(changes, changes[1:], strict=False)):
            out_of_turn.append(step)
        print(f"  step {step}: {len(changes)} changes logged, alternating: {step not in out_of_turn}")
    ok = not tally.failures and not found["mismatches"] and not out_of_turn and server_errors == 0
    print("\nRESULT: " + ("no errors, nothing lost" if ok else "FAILED"))
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--url", help="press on this running server instead of starting `make run`")
    parser.add_argument("--database-url", help="the running server's DATABASE_URL (default: db.sqlite3)")
    parser.add_argument("--port", type=int, help="port for the `make run` this script starts (default: a free one)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.url:
        database_url = args.database_url or os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'db.sqlite3'}"
        return storm(args.url.rstrip("/"), env=demo_env(database_url), seconds=args.seconds)
    database = OUT / "storm.sqlite3"
    for leftover in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        leftover.unlink(missing_ok=True)
    database_url = f"sqlite:///{database}"
    port = args.port or free_port()
    log_path = OUT / "storm-server.log"
    print(f"Starting `make run PORT={port}` on {database} (log: {log_path}); migrating and loading the demo first")
    with make_run(port=port, database_url=database_url, log_path=log_path) as base_url:
        ok = storm(base_url, env=demo_env(database_url), seconds=args.seconds)
    locked = log_path.read_text(errors="replace").count("database is locked")
    print(f"'database is locked' in the server's log: {locked} times")
    return ok and locked == 0


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
