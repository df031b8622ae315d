"""The browser suite checks pages with the vendored axe-core release, not the older copy bundled with
axe-playwright-python (which reported zero where a current axe finds violations)."""

import re

from axe_playwright_python.sync_playwright import Axe

from .crawler import AXE_CORE, _axe


def version_of(script):
    return tuple(int(part) for part in re.search(r"axe v(\d+)\.(\d+)\.(\d+)", script[:200]).groups())


def test_the_crawler_runs_the_vendored_axe_core_newer_than_the_bundled_one():
    vendored = AXE_CORE.read_text()
    assert _axe.axe_script == vendored
    assert version_of(vendored) >= (4, 14, 1)
    assert version_of(vendored) > version_of(Axe().axe_script)
    assert f"axe-core-{'.'.join(map(str, version_of(vendored)))}.min.js" == AXE_CORE.name
