"""The plugin apps must install into another Wagtail site: no imports from the host project."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_APPS = ["learning", "resources"]
HOST_MODULES = {"config", "home", "accounts"}


def imported_top_level_modules(source):
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], node.lineno


def boundary_violations(app_dir, forbidden):
    found = []
    for path in sorted(app_dir.rglob("*.py")):
        for module, lineno in imported_top_level_modules(path.read_text()):
            if module in forbidden:
                found.append(f"{path.relative_to(ROOT)}:{lineno} imports {module}")
    return found


def test_plugin_apps_never_import_the_host_project():
    violations = []
    for app in PLUGIN_APPS:
        violations += boundary_violations(ROOT / app, HOST_MODULES)
    assert violations == []


def test_resources_does_not_depend_on_learning():
    assert boundary_violations(ROOT / "resources", {"learning"}) == []


def test_the_checker_catches_a_forbidden_import(tmp_path):
    app = tmp_path / "fakeapp"
    app.mkdir()
    (app / "models.py").write_text("from home.models import HomePage\nimport config.settings\n")
    global ROOT
    old_root, ROOT = ROOT, tmp_path
    try:
        assert len(boundary_violations(app, HOST_MODULES)) == 2
    finally:
        ROOT = old_root


def test_plugin_templates_do_not_hard_code_the_base_template():
    offenders = []
    for app in PLUGIN_APPS:
        for path in (ROOT / app / "templates").rglob("*.html"):
            if '{% extends "base.html" %}' in path.read_text():
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
