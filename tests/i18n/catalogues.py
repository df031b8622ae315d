"""Where the Gaelic interface catalogues live, what each one translates, and reading them.

Each app keeps its own catalogue in `<app>/locale` (learning.readiness in `learning/readiness/locale`, learning.partners in `learning/partners/locale`);
the site-wide templates (site/templates) and config's strings share the project catalogue in
`site/locale`, the one folder in LOCALE_PATHS. `make messages` refreshes them all.
"""

import re
import shutil
import string
from pathlib import Path

from django.conf import settings

LANGUAGE = "gd"
GAELIC_PLURAL_FORMS = "nplurals=4; plural=(n==1 || n==11) ? 0 : (n==2 || n==12) ? 1 : (n > 2 && n < 20) ? 2 : 3;"
ROOT = Path(settings.BASE_DIR)

# Catalogue folder (relative to the repository) -> the folders whose code it translates.
CATALOGUES = {
    "accounts/locale": ["accounts"],
    "home/locale": ["home"],
    "resources/locale": ["resources"],
    "learning/locale": ["learning"],
    "learning/readiness/locale": ["learning/readiness"],
    "learning/meetings/locale": ["learning/meetings"],
    "learning/partners/locale": ["learning/partners"],
    "site/locale": ["site/templates", "config"],
}
SOURCE_SUFFIXES = {".py", ".html", ".txt"}


def po_path(catalogue):
    return ROOT / catalogue / LANGUAGE / "LC_MESSAGES" / "django.po"


def mo_path(catalogue):
    return po_path(catalogue).with_suffix(".mo")


def live_entries(catalogue_file):
    return [entry for entry in catalogue_file if not entry.obsolete]


def key(entry):
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


# --- Placeholders ---------------------------------------------------------------------------------

PERCENT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +\-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<kind>[diouxXeEfFgGcrsa%])"
)


def percent_placeholders(text):
    """Named placeholders as a set of (name, kind); unnamed ones as a tuple of kinds, in order (Python's
    % needs them in the same order in the translation)."""
    named, unnamed = set(), []
    for match in PERCENT.finditer(text):
        if match.group("kind") == "%":
            continue
        if match.group("name") is not None:
            named.add((match.group("name"), match.group("kind")))
        else:
            unnamed.append(match.group("kind"))
    return frozenset(named), tuple(unnamed)


def brace_placeholders(text):
    return frozenset(field for _, field, _, _ in string.Formatter().parse(text) if field is not None), ()


def placeholder_problems(entry):
    """What is wrong with the placeholders of one translated entry, as sentences (empty when right)."""
    if "python-format" in entry.flags:
        read = percent_placeholders
    elif "python-brace-format" in entry.flags:
        read = brace_placeholders
    else:
        return []
    if entry.msgid_plural:
        # Every Gaelic form covers more than one number (1 and 11, 2 and 12...), so each form needs
        # every English placeholder, including the count the English singular may leave out.
        singular, plural = read(entry.msgid), read(entry.msgid_plural)
        english = (singular[0] | plural[0], plural[1])
        forms = [(f"form {index}", text) for index, text in sorted(entry.msgstr_plural.items())]
    else:
        english = read(entry.msgid)
        forms = [("the translation", entry.msgstr)]
    return [
        f"{entry.msgid!r}: {name} has {sorted(found[0])} {list(found[1])}, the English {sorted(english[0])} "
        f"{list(english[1])}"
        for name, found in ((name, read(text)) for name, text in forms)
        if found != english
    ]


# --- The code's strings -----------------------------------------------------------------------------


def copy_sources(catalogue, destination):
    """A copy of the code the catalogue translates (its Python and templates only), leaving out any
    folder that has a catalogue of its own (learning/readiness inside learning)."""
    own_catalogues = {ROOT / other for other in CATALOGUES if other != catalogue}
    for source in CATALOGUES[catalogue]:
        source_root = ROOT / source

        def ignore(folder, names, source_root=source_root):
            folder = Path(folder)
            skipped = {name for name in names if name in {"locale", "__pycache__", "static", "node_modules"}}
            skipped |= {name for name in names if (folder / name / "locale") in own_catalogues}
            skipped |= {
                name for name in names if (folder / name).is_file() and Path(name).suffix not in SOURCE_SUFFIXES
            }
            return skipped

        shutil.copytree(source_root, destination / source, ignore=ignore)
