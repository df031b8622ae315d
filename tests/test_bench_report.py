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
    assert baseline.endswith("| 100 | 80 | 1.25x | MISSED by 0.05x |")
    assert portfolio.endswith("| 80 | 70 | 1.14x | met |")
    # Twenty times the rows in a tenth of the requests a second: half the time a row.
    assert export.endswith("| 60 | 6 | 10.00x for 20x the rows: 0.50x a row | met (linear in rows) |")
    large[-1]["rps"] = 2.5
    export = runner.scaling_table([(100, small), (5000, large)]).splitlines()[-1]
    assert export.endswith("| 60 | 2 | 24.00x for 20x the rows: 1.20x a row | met (linear in rows) |")
    large[-1]["rps"] = 2
    export = runner.scaling_table([(100, small), (5000, large)]).splitlines()[-1]
    assert export.endswith("| 30.00x for 20x the rows: 1.50x a row | MISSED by 0.30x a row |")
