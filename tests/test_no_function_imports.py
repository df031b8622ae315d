"""The plugin apps import at the top of each module, so a module's dependencies are all in one place.

An import inside a function hides a dependency from the reader and from import-linter's contracts
until the function runs. One is allowed only where a comment containing the fixed phrase
"import here because" sits on the import's line or the line above it and says why (for example,
a module that loads before the app registry, or a page model whose helper imports the models).

Also allowed, without a comment: imports inside `AppConfig.ready()` in `apps.py`, the place
Django documents for importing models and connecting signals once the apps are loaded.
Migrations, tests and demo content are not checked.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["learning", "resources"]  # learning.readiness is inside learning
PHRASE = "import here because"


def _modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "migrations" in parts or "tests" in parts or "demo" in str(path.relative_to(ROOT)):
                continue
            yield path


def unexplained_function_imports(path, root=ROOT):
    """`path:line` for each import inside a function with no "import here because" comment."""
    source = path.read_text()
    lines = source.splitlines()
    found = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if path.name == "apps.py" and function.name == "ready":
            continue
        for node in ast.walk(function):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            nearby = lines[node.lineno - 1] + "\n" + (lines[node.lineno - 2] if node.lineno > 1 else "")
            if PHRASE not in nearby.lower():
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return sorted(set(found))


def test_the_plugin_apps_import_at_module_level():
    offenders = [where for path in _modules() for where in unexplained_function_imports(path)]
    assert offenders == [], f'move these imports to the top of the module, or say "{PHRASE} ..." beside them'


def test_the_check_catches_an_unexplained_import_and_accepts_an_explained_one(tmp_path):
    module = tmp_path / "views.py"
    module.write_text(
        "def hidden():\n"
        "    from .models import Thing\n"
        "\n"
        "\n"
        "def explained():\n"
        "    # Import here because models imports this module.\n"
        "    from .models import Thing\n"
    )
    assert unexplained_function_imports(module, root=tmp_path) == ["views.py:2"]
