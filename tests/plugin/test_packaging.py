"""The plugin set's distribution: what pyproject.toml declares and what the built wheel holds."""

import ast
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from .proof.check_wheel import project_only_names, wheel_problems

ROOT = Path(__file__).resolve().parent.parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PROJECT = PYPROJECT["project"]
LEFT_OUT_OF_THE_COPY = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", "*.sqlite3", "media", "private", "static_collected", "build", "dist", "*.egg-info"
)


def pinned_requirements():
    """{normalised name: pinned version} from requirements.txt."""
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            requirement = Requirement(line)
            pins[requirement.name.lower()] = next(iter(requirement.specifier)).version
    return pins


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    """`python -m build` on a copy of the tree: an sdist, and a wheel built from that sdist."""
    source = tmp_path_factory.mktemp("source") / "hub"
    shutil.copytree(ROOT, source, ignore=LEFT_OUT_OF_THE_COPY)
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def wheel(dist):
    (built,) = dist.glob("coproduction_hub-*.whl")
    return built


def test_the_distribution_is_named_and_versioned():
    assert PROJECT["name"] == "coproduction-hub"
    assert re.fullmatch(r"\d+\.\d+\.\d+", PROJECT["version"])
    assert PROJECT["requires-python"] == ">=3.11"


def test_only_the_plugin_apps_are_packaged():
    include = PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    assert sorted(include) == ["learning", "learning.*", "resources", "resources.*"]


def test_every_dependency_admits_the_version_the_hub_pins():
    pins = pinned_requirements()
    for line in PROJECT["dependencies"]:
        requirement = Requirement(line)
        name = requirement.name.lower()
        if name in pins:
            assert requirement.specifier.contains(pins[name]), f"{line} excludes the pinned {name}=={pins[name]}"


def top_level_imports(path):
    """The top-level packages a module imports, read from its syntax tree (a docstring line that begins
    "from the ..." is not an import)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_top_level_imports_ignore_prose(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        '"""Made\nfrom the services.\n"""\nimport os.path\nfrom django.db import models\nfrom . import x\n'
    )
    assert top_level_imports(module) == {"os", "django"}


def test_the_apps_third_party_imports_are_declared():
    declared = {Requirement(line).name.lower() for line in PROJECT["dependencies"]}
    import_names = {
        "django": "django",
        "wagtail": "wagtail",
        "modelcluster": "django-modelcluster",
        "taggit": "django-taggit",
        "rest_framework": "djangorestframework",
        "bleach": "bleach",
        "PIL": "pillow",
        "pillow_heif": "pillow-heif",
        "filetype": "filetype",
        "django_tasks": "django-tasks",
        "django_filters": "django-filter",
        "django_ratelimit": "django-ratelimit",
        "textstat": "textstat",
        "holidays": "holidays",
    }
    imported = set()
    for app in ("learning", "resources"):
        for path in (ROOT / app).rglob("*.py"):
            imported.update(top_level_imports(path))
    third_party = imported - set(sys.stdlib_module_names) - {"learning", "resources"}
    unknown = third_party - set(import_names)
    assert not unknown, f"the apps import {sorted(unknown)}: add them to [project] dependencies and to this map"
    assert {import_names[name] for name in third_party} <= declared


def test_the_wheel_holds_every_app_file_and_nothing_of_the_site(wheel):
    assert wheel_problems(wheel, ROOT) == []


def test_the_wheel_holds_no_demo_or_bench_module(wheel):
    with zipfile.ZipFile(wheel) as archive:
        modules = sorted(name for name in archive.namelist() if name.endswith(".py"))
    assert {module.split("/", 1)[0] for module in modules} == {"learning", "resources"}
    assert "learning/models/__init__.py" in modules
    assert project_only_names(modules) == []


def test_the_wheel_check_names_demo_and_bench_modules(tmp_path):
    """A wheel that still carried the old demo loaders, or bench data, fails the check."""
    wheel = tmp_path / "coproduction_hub-0.0.0-py3-none-any.whl"
    carried = ["learning/readiness/demo.py", "resources/demo_content.py", "learning/bench/builder.py", "demo/home.py"]
    with zipfile.ZipFile(wheel, "w") as archive:
        for name in ["learning/__init__.py", *carried, "coproduction_hub-0.0.0.dist-info/METADATA"]:
            archive.writestr(name, "")
    problems = wheel_problems(wheel, tmp_path)
    assert project_only_names(carried) == sorted(carried)
    for name in carried:
        assert f"demo or bench code in the wheel: {name}" in problems
    assert "the wheel must not hold demo/" in problems


def test_the_wheel_declares_the_dependencies(wheel):
    with zipfile.ZipFile(wheel) as archive:
        metadata = Parser().parsestr(archive.read(f"coproduction_hub-{PROJECT['version']}.dist-info/METADATA").decode())
    assert metadata["Name"] == "coproduction-hub"
    assert metadata["Version"] == PROJECT["version"]

    def normalised(lines):
        return sorted(str(Requirement(line)) for line in lines)

    assert normalised(metadata.get_all("Requires-Dist")) == normalised(PROJECT["dependencies"])


def test_the_sdist_holds_the_apps_guide_and_changelog_but_not_the_site_tests(dist):
    (sdist,) = dist.glob("coproduction_hub-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"CHANGELOG.md", "docs/plugins.md", "learning/readiness/migrations/0001_initial.py"} <= names
    site = ("tests/", "config/", "home/", "accounts/", "demo/", "bench/", "benchdata/")
    assert not {name for name in names if name.startswith(site)}


def test_the_changelog_describes_this_version():
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert f"## {PROJECT['version']}" in changelog
