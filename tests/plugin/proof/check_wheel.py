"""Check a built wheel holds the plugin apps whole and nothing of the Hub site, its demo or its bench.

Usage: python check_wheel.py WHEEL SOURCE_ROOT   (exits 1 listing the problems)
"""

import sys
import zipfile
from pathlib import Path

APPS = ("learning", "resources")
NEVER_PACKAGED = ("config", "home", "accounts", "tests", "bench", "benchdata", "demo", "site", "docs")
# Demo content and bench data are the Hub's own (demo/, benchdata/): no file or folder of the apps
# may carry these words in its name.
PROJECT_ONLY_WORDS = ("demo", "bench")
MUST_HAVE = (
    "learning/migrations/0001_initial.py",
    "learning/readiness/migrations/0001_initial.py",
    "resources/migrations/0001_initial.py",
    "learning/templates/learning/step_page.html",
    "resources/templates/resources/case_study_page.html",
    "learning/static/learning/learning.css",
)


def source_files(source_root):
    """Every file the apps consist of in the source tree (bytecode and caches left out)."""
    root = Path(source_root)
    for app in APPS:
        for path in sorted((root / app).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                yield path.relative_to(root).as_posix()


def project_only_names(names):
    """The wheel's entries with "demo" or "bench" in a folder or file name (the metadata left aside)."""
    return sorted(
        name
        for name in names
        if not name.split("/", 1)[0].endswith(".dist-info")
        and any(word in part.lower() for part in name.split("/") for word in PROJECT_ONLY_WORDS)
    )


def wheel_problems(wheel, source_root):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    problems = [f"missing from the wheel: {name}" for name in source_files(source_root) if name not in names]
    problems += [f"missing from the wheel: {name}" for name in MUST_HAVE if name not in names]
    top_levels = {name.split("/", 1)[0] for name in names}
    problems += [f"the wheel must not hold {name}/" for name in NEVER_PACKAGED if name in top_levels]
    unexpected = {name for name in top_levels if not name.endswith(".dist-info")} - set(APPS)
    problems += [f"unexpected top-level entry in the wheel: {name}" for name in sorted(unexpected)]
    problems += [f"demo or bench code in the wheel: {name}" for name in project_only_names(names)]
    return problems


if __name__ == "__main__":
    found = wheel_problems(sys.argv[1], sys.argv[2])
    if found:
        sys.stderr.write("\n".join(found) + "\n")
        sys.exit(1)
