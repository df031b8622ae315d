"""The README and the docs send a newcomer only to files that are in the repository."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# A backticked path to a file or folder: has a slash or ends in a known file suffix.
PATH = re.compile(r"`(\.{0,2}/?[\w./-]+(?:/|\.(?:md|py|toml|txt|sh|html|css)))`")
MARKDOWN_LINK = re.compile(r"\]\(([^)#]+)\)")


def referenced_paths(text):
    for match in PATH.finditer(text):
        yield match.group(1)
    for match in MARKDOWN_LINK.finditer(text):
        if "://" not in match.group(1):
            yield match.group(1)


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: path.name)
def test_every_path_a_document_names_is_inside_the_repository(doc):
    for name in referenced_paths(doc.read_text()):
        if name.startswith("/"):
            continue  # a URL path on the site, not a file
        target = (doc.parent if name.startswith(".") else ROOT) / name
        resolved = target.resolve()
        assert resolved.is_relative_to(ROOT), f"{doc.name} points outside the repository: {name}"


def test_the_readme_names_only_files_that_exist():
    missing = []
    for name in referenced_paths((ROOT / "README.md").read_text()):
        if "<" in name or "*" in name or "/" not in name:
            continue  # a pattern, or a bare file name the sentence places in a folder it names
        if not (ROOT / name).exists():
            missing.append(name)
    assert not missing, f"README.md names files that do not exist: {missing}"
