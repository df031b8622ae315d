"""The bench's report judges each row against issue 14's targets as the issue states them.

bench/ is a folder of scripts, not a package: its runner is loaded from its file, with the harness it
imports registered first under the name the runner imports it by.
"""

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _load(file_name, module_name):
    spec = importlib.util.spec_from_file_location(module_name, BENCH / f"{file_name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


# The runner imports its harness by the name the scripts give it.
if "harness" not in sys.modules:
    _load("harness", "harness")
runner = _load("runner", "bench_runner")


def row(name, rps, **extra):
    return {"name": name, "rps": rps, **extra}


def test_a_ratio_target_reads_met_or_missed_by_how_much():
    assert runner.verdict(row("step page (member)", 110, ratio=1.1, target=1.0)) == "met (≥ 1.0)"
    assert runner.verdict(row("step page (member)", 94, ratio=0.94, target=1.0)) == "MISSED: 0.94 < 1.0 (by 0.06)"
    assert runner.verdict(row("guide (visitor)", 550, ratio=5.5, target=7.0)) == "MISSED: 5.50 < 7.0 (by 1.50)"


def test_a_time_target_reads_the_median_against_it():
    export = row("portfolio CSV export, 2,000 groups", 2, ratio=0.02, p50_ms=774.2, max_p50_ms=1500)
    assert runner.verdict(export) == "met (p50 ≤ 1,500 ms)"
    export["p50_ms"] = 1612.0
    assert runner.verdict(export) == "MISSED: p50 1,612 ms > 1,500 ms"


def test_an_unmeasured_row_says_why_and_a_row_without_target_says_nothing():
    assert runner.verdict({"name": "x", "error": "answered 404"}) == "not measured (answered 404)"
    assert runner.verdict(row("plain Django view (ceiling)", 1200, ratio=15.0)) == ""
    portfolio = row("funder portfolio, 100 shared groups", 66, ratio=0.46, note="(≥ 0.6 is for 2,000 groups)")
    assert runner.verdict(portfolio) == "(≥ 0.6 is for 2,000 groups)"


def test_the_slowdown_compares_a_page_with_itself_and_an_export_by_its_time_a_row():
    small = [
        row("simplest Wagtail page (baseline)", 100),
        row("funder portfolio, 100 shared groups", 80),
        row("portfolio CSV export, 100 groups", 60, rows=100),
    ]
    large = [
        row("simplest Wagtail page (baseline)", 80),
        row("funder portfolio, 2,000 shared groups", 70),
        row("portfolio CSV export, 2,000 groups", 6, rows=2000),
    ]
    lines = runner.scaling_table([(100, small), (5000, large)]).splitlines()
    baseline, portfolio, export = lines[2:]
    assert baseline.endswith("| 100 | 80 | 1.25x | – | MISSED by 0.05x |")
    assert portfolio.endswith("| 80 | 70 | 1.14x | – | met |")
    # Twenty times the rows in a tenth of the requests a second: half the time a row.
    assert export.endswith("| 60 | 6 | 10.00x for 20x the rows: 0.50x a row | – | met (linear in rows) |")
    large[-1]["rps"] = 2.5
    export = runner.scaling_table([(100, small), (5000, large)]).splitlines()[-1]
    assert export.endswith("| 60 | 2 | 24.00x for 20x the rows: 1.20x a row | – | met (linear in rows) |")
    large[-1]["rps"] = 2
    export = runner.scaling_table([(100, small), (5000, large)]).splitlines()[-1]
    assert export.endswith("| 30.00x for 20x the rows: 1.50x a row | – | MISSED by 0.30x a row |")


def test_a_row_is_judged_against_the_baseline_read_beside_it_and_the_baseline_by_its_own_speed():
    small = [
        row("simplest Wagtail page (baseline)", 100, baseline_rps=100),
        row("step page (member)", 120, baseline_rps=100),
    ]
    # The whole machine ran 30% slower in the second phase: the baseline beside the step page read 70.
    large = [
        row("simplest Wagtail page (baseline)", 70, baseline_rps=70),
        row("step page (member)", 84, baseline_rps=70),
    ]
    baseline, step = runner.scaling_table([(100, small), (5000, large)]).splitlines()[2:]
    assert baseline.endswith("| 100 | 70 | 1.43x | – | MISSED by 0.23x |")
    assert step.endswith("| 120 | 84 | 1.43x | 1.00x | met |")
    # The step page slowed where the baseline beside it did not.
    large[1].update(rps=84, baseline_rps=100)
    step = runner.scaling_table([(100, small), (5000, large)]).splitlines()[-1]
    assert step.endswith("| 120 | 84 | 1.43x | 1.43x | MISSED by 0.23x |")


def test_each_row_is_measured_between_two_readings_of_the_baseline(monkeypatch):
    from contextlib import nullcontext

    targets = [
        {"name": "plain Django view (ceiling)", "path": "/bench/plain/"},
        {"name": "simplest Wagtail page (baseline)", "path": "/bench-baseline/"},
        {"name": "step page (member)", "path": "/step/", "target": 1.0},
        {"name": "guide (visitor)", "path": "/guide/", "target": 7.0},
        {"name": "case study (visitor)", "path": "/study/", "error": "answered 404"},
    ]
    speeds = {"/bench/plain/": [1000], "/step/": [90], "/guide/": [800], "/bench-baseline/": [100, 81, 64, 100]}
    order = []

    def fake_measure(target, base_url, browsers, args, *, quiet=False):
        if target.get("error"):
            return False
        order.append(target["path"])
        rps = speeds[target["path"]].pop(0)
        target.update(rps=rps, p50_ms=1000 / rps, p95_ms=2000 / rps, requests=rps * 10, errors=0)
        return True

    monkeypatch.setattr(runner, "gunicorn", lambda **kwargs: nullcontext("http://127.0.0.1:1"))
    monkeypatch.setattr(runner, "_measure_one", fake_measure)
    runner.measure(targets, {}, None, "test")
    plain, baseline, step, guide, study = targets
    assert order == [
        "/bench-baseline/",
        "/bench/plain/",
        "/bench-baseline/",
        "/step/",
        "/bench-baseline/",
        "/guide/",
        "/bench-baseline/",
    ]
    assert plain["ratio"] == 1000 / 90  # beside readings of 100 and 81: their geometric mean is 90
    assert step["ratio"] == 90 / 72  # 81 and 64
    assert guide["ratio"] == 800 / 80  # 64 and 100
    assert baseline["readings"] == [100, 81, 64, 100]
    assert baseline["rps"] == 81 and baseline["ratio"] == 1.0  # the middle reading
    assert "ratio" not in study
    note = runner.baseline_note(targets)
    assert note.startswith("The Wagtail baseline was read 4 times, first and then after each row: 64-100 requests")


def test_the_baselines_row_counts_failed_requests_from_every_reading_not_only_the_middle_one(monkeypatch):
    from contextlib import nullcontext

    targets = [
        {"name": "simplest Wagtail page (baseline)", "path": "/bench-baseline/"},
        {"name": "step page (member)", "path": "/step/", "target": 1.0},
        {"name": "guide (visitor)", "path": "/guide/", "target": 7.0},
    ]
    readings = {"/bench-baseline/": [(100, 0), (90, 0), (50, 7)], "/step/": [(95, 0)], "/guide/": [(700, 0)]}

    def fake_measure(target, base_url, browsers, args, *, quiet=False):
        rps, errors = readings[target["path"]].pop(0)
        target.update(rps=rps, p50_ms=1000 / rps, p95_ms=2000 / rps, requests=rps * 10, errors=errors)
        return True

    monkeypatch.setattr(runner, "gunicorn", lambda **kwargs: nullcontext("http://127.0.0.1:1"))
    monkeypatch.setattr(runner, "_measure_one", fake_measure)
    baseline, _step, _guide = runner.measure(targets, {}, None, "test")
    assert baseline["rps"] == 90
    assert runner.verdict(baseline) == "7 failed requests"
