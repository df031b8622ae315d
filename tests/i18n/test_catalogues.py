"""Every Gaelic catalogue is complete, correct, compiled and up to date with the code (issue 15).

A string added to a template or to Python without its Gaelic translation fails here, as does a
translation that drops a placeholder, a plural with fewer than Gaelic's four forms, or a .mo file
compiled from an older .po.
"""

import os
import shutil
import subprocess

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings

from .catalogues import (
    CATALOGUES,
    GAELIC_PLURAL_FORMS,
    LANGUAGE,
    copy_sources,
    key,
    live_entries,
    mo_path,
    placeholder_problems,
    po_path,
)

catalogue_names = pytest.mark.parametrize("catalogue", sorted(CATALOGUES))
# GNU gettext runs makemessages and msgfmt. Without it these tests skip, except in CI (.ci/run installs
# it and sets REQUIRE_GETTEXT), where a skip would hide an untranslated string.
needs_gettext = pytest.mark.skipif(
    not (shutil.which("xgettext") and shutil.which("msgfmt")) and not os.environ.get("REQUIRE_GETTEXT"),
    reason="GNU gettext (xgettext, msgfmt) is not installed: apt-get install gettext",
)


def read_po(catalogue):
    path = po_path(catalogue)
    assert path.is_file(), f"{path} is missing: make it with `make messages`, then translate it"
    return polib.pofile(str(path))


def summary(items, limit=15):
    items = list(items)
    shown = "\n  ".join(repr(item) for item in items[:limit])
    more = f"\n  ... and {len(items) - limit} more" if len(items) > limit else ""
    return f"{len(items)}:\n  {shown}{more}"


@catalogue_names
def test_every_entry_is_translated_and_none_is_fuzzy(catalogue):
    po = read_po(catalogue)
    assert po.metadata.get("Language") == LANGUAGE
    untranslated = [entry.msgid for entry in live_entries(po) if not entry.translated()]
    fuzzy = [entry.msgid for entry in live_entries(po) if "fuzzy" in entry.flags]
    assert not untranslated, f"untranslated in {catalogue}: {summary(untranslated)}"
    assert not fuzzy, f"fuzzy (a guess to check, which Django ignores) in {catalogue}: {summary(fuzzy)}"
    assert not po.metadata_is_fuzzy, f"the header of {catalogue} is still marked fuzzy"


@catalogue_names
def test_header_has_gaelic_plural_forms_and_asks_for_review(catalogue):
    po = read_po(catalogue)
    assert po.metadata.get("Plural-Forms") == GAELIC_PLURAL_FORMS
    header = " ".join(po.header.lower().split())
    assert "review" in header and "fluent" in header, (
        f"the header of {catalogue} must say it awaits a fluent speaker's review"
    )


@catalogue_names
def test_plurals_have_four_forms(catalogue):
    wrong = [
        entry.msgid
        for entry in live_entries(read_po(catalogue))
        if entry.msgid_plural and sorted(entry.msgstr_plural) != [0, 1, 2, 3]
    ]
    assert not wrong, f"plural entries without Gaelic's four forms in {catalogue}: {summary(wrong)}"


@catalogue_names
def test_placeholders_match_the_english(catalogue):
    problems = [problem for entry in live_entries(read_po(catalogue)) for problem in placeholder_problems(entry)]
    assert not problems, f"placeholders differ in {catalogue}: {summary(problems)}"


@catalogue_names
def test_compiled_catalogue_matches_the_po(catalogue):
    """Django reads the .mo, not the .po: it must hold exactly the .po's translations."""
    path = mo_path(catalogue)
    assert path.is_file(), f"{path} is missing: run `make messages` (or compilemessages) and commit it"
    expected = {
        key(entry): (entry.msgstr_plural if entry.msgid_plural else entry.msgstr)
        for entry in live_entries(read_po(catalogue))
        if entry.translated()
    }
    compiled = {
        key(entry): (entry.msgstr_plural if entry.msgid_plural else entry.msgstr)
        for entry in polib.mofile(str(path))
        if entry.msgid  # the header
    }
    stale = sorted(k for k in expected.keys() | compiled.keys() if expected.get(k) != compiled.get(k))
    assert not stale, f"{path} is older than its .po, recompile it; differing: {summary(stale)}"


@needs_gettext
@catalogue_names
def test_gettext_accepts_the_catalogue(catalogue):
    """GNU msgfmt's own checks: the header, and format strings in every form."""
    result = subprocess.run(
        [shutil.which("msgfmt") or "msgfmt", "--check", "-o", "/dev/null", str(po_path(catalogue))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@needs_gettext
@catalogue_names
def test_catalogue_has_every_string_in_the_code(catalogue, tmp_path, monkeypatch):
    """makemessages, run over a copy of the code, finds no string the committed catalogue lacks: a
    new string must come with its translation."""
    copy_sources(catalogue, tmp_path)
    (tmp_path / "locale").mkdir()
    monkeypatch.chdir(tmp_path)
    # No LOCALE_PATHS, so makemessages writes only into the copy's own locale folder.
    with override_settings(LOCALE_PATHS=[]):
        call_command(
            "makemessages", locale=[LANGUAGE], extensions=["html", "txt", "py"], add_location="never", verbosity=0
        )
    extracted = polib.pofile(str(tmp_path / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po"))
    committed = {key(entry) for entry in live_entries(read_po(catalogue))}
    missing = sorted(key(entry)[1] for entry in extracted if key(entry) not in committed)
    assert not missing, (
        f"strings in the code that {catalogue} lacks (run `make messages` and translate them): {summary(missing)}"
    )
