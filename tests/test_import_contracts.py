"""The import contracts in pyproject.toml ([tool.importlinter]) hold, and lint-imports really checks them.

The contracts themselves (the learning core never imports readiness, resources stands alone, the
plugin apps never import the host project, and the layers inside learning and learning.readiness)
are written down in pyproject.toml; `make lint` and .ci/run run lint-imports.
"""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
CORE_CONTRACT = "The learning core never imports learning.readiness"
# The apps built on the core, inside the learning package: the core never imports them.
BUILT_ON_THE_CORE = {"learning.readiness", "learning.meetings", "learning.partners"}
LAYERS_CONTRACT = "learning layers:"


def lint_imports(cwd):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(cwd)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def copy_of_the_tree(tmp_path):
    """The root packages' Python files and pyproject.toml, nothing else."""
    for package in CONFIG["root_packages"]:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=lambda folder, names: (
                [name for name in names if not name.endswith(".py") and not (Path(folder) / name).is_dir()]
                + ["__pycache__", "static", "templates", "locale"]
            ),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_real_tree_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_core_module_importing_readiness_breaks_the_contract(tmp_path):
    tree = copy_of_the_tree(tmp_path)
    with (tree / "learning" / "selectors.py").open("a") as selectors:
        selectors.write("\nimport learning.readiness.models  # noqa\n")

    result = lint_imports(tree)

    assert result.returncode != 0
    assert CORE_CONTRACT in result.stdout
    assert "learning.selectors -> learning.readiness.models" in result.stdout


def test_a_model_importing_a_selector_breaks_the_layers(tmp_path):
    tree = copy_of_the_tree(tmp_path)
    with (tree / "learning" / "models" / "pages.py").open("a") as pages:
        pages.write("\n\ndef upward():\n    from ..selectors import groups_for  # noqa\n")

    result = lint_imports(tree)

    assert result.returncode != 0
    assert LAYERS_CONTRACT in result.stdout
    assert "learning.models.pages -> learning.selectors" in result.stdout


def test_the_core_contract_lists_every_module_of_learning_but_the_apps_built_on_it():
    """A new module in learning is covered by "never imports readiness" only if it is listed."""
    contract = next(c for c in CONFIG["contracts"] if c["name"].startswith(CORE_CONTRACT))
    children = {
        f"learning.{path.stem}"
        for path in (ROOT / "learning").iterdir()
        if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").exists()
    }
    assert set(contract["source_modules"]) == children - BUILT_ON_THE_CORE
    assert set(contract["forbidden_modules"]) == BUILT_ON_THE_CORE
