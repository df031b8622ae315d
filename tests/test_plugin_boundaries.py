"""What the import contracts cannot see: the plugin apps' templates never name the host's base template.

Imports across the plugin boundary (no config, home, accounts, benchdata or demo; resources never
imports learning) are contracts in pyproject.toml, checked by lint-imports: see
tests/test_import_contracts.py.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_APPS = ["learning", "resources"]


def test_plugin_templates_do_not_hard_code_the_base_template():
    offenders = []
    for app in PLUGIN_APPS:
        for path in (ROOT / app).rglob("templates/**/*.html"):
            if '{% extends "base.html" %}' in path.read_text():
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
