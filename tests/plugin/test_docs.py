"""docs/plugins.md stays true: every setting, signal, URL module and permission it names is real."""

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest
from django.dispatch import Signal
from django.template import Context, Engine
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

from .proof.doc_blocks import marked, marked_blocks, placed

ROOT = Path(__file__).resolve().parent.parent.parent
DOC = (ROOT / "docs" / "plugins.md").read_text()
APP_DIRS = [ROOT / "learning", ROOT / "resources"]
SETTING_PREFIXES = ("LEARNING_", "RESOURCES_", "READINESS_")
SIGNAL_MODULES = ["learning.signals", "learning.readiness.signals"]


def app_sources():
    for app_dir in APP_DIRS:
        for path in sorted(app_dir.rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, ast.parse(path.read_text())


def constant_value(node):
    """The value of a default written as a constant or constant arithmetic (10 * 1024 * 1024); else None."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mult, ast.Add)):
        left, right = constant_value(node.left), constant_value(node.right)
        if left is None or right is None:
            return None
        return left * right if isinstance(node.op, ast.Mult) else left + right
    return None


def settings_read_by_the_apps():
    """{name: default} for every getattr(settings, "PREFIX_X", default) and settings.PREFIX_X in the apps."""
    found = {}
    for _path, tree in app_sources():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "getattr"
                and len(node.args) >= 2
                and getattr(node.args[0], "id", None) == "settings"
                and isinstance(node.args[1], ast.Constant)
                and str(node.args[1].value).startswith(SETTING_PREFIXES)
            ):
                found[node.args[1].value] = constant_value(node.args[2]) if len(node.args) > 2 else None
            elif (
                isinstance(node, ast.Attribute)
                and getattr(node.value, "id", None) == "settings"
                and node.attr.startswith(SETTING_PREFIXES)
            ):
                found.setdefault(node.attr, None)
    return found


def documented_settings():
    """{name: first `value` in the default column} from the settings table of the doc."""
    prefixes = "|".join(SETTING_PREFIXES)
    rows = re.findall(rf"^\| `((?:{prefixes})\w+)` \| ([^|]*)\|", DOC, re.MULTILINE)
    return {name: re.search(r"`([^`]+)`", default).group(1) if "`" in default else None for name, default in rows}


def test_the_doc_lists_every_setting_the_apps_read_and_no_other():
    read = settings_read_by_the_apps()
    assert read, "the scan found no settings at all"
    assert sorted(documented_settings()) == sorted(read)


@pytest.mark.parametrize("name", sorted(settings_read_by_the_apps()))
def test_each_documented_default_is_the_code_default(name):
    code_default = settings_read_by_the_apps()[name]
    documented = documented_settings()[name]
    if code_default is None:
        # Worked out at run time (for example from MEDIA_ROOT): the doc says how, in words.
        return
    assert documented is not None, f"{name}: the doc gives no default"
    assert ast.literal_eval(documented) == code_default


def signal_sends():
    """{signal name: set of keyword arguments} for every `<signal>.send(...)` in the apps."""
    sends = {}
    for _path, tree in app_sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            # signal.send(sender=..., **arguments), or a helper given signal.send and the arguments
            # to call it with later (for example after the transaction commits).
            for candidate in [node.func, *node.args]:
                if (
                    isinstance(candidate, ast.Attribute)
                    and candidate.attr == "send"
                    and isinstance(candidate.value, ast.Name)
                ):
                    arguments = {k.arg for k in node.keywords if k.arg not in (None, "sender")}
                    sends.setdefault(candidate.value.id, set()).update(arguments)
    return sends


def declared_signals():
    signals = {}
    for module_name in SIGNAL_MODULES:
        module = importlib.import_module(module_name)
        for name, value in vars(module).items():
            if isinstance(value, Signal):
                signals[name] = module_name
    return signals


def doc_row(start):
    row = next((line for line in DOC.splitlines() if line.startswith(start)), None)
    assert row is not None, f"docs/plugins.md has no table row starting {start}"
    return row


def test_the_apps_send_the_signals_the_issue_asks_for():
    assert {"progress_changed", "pathway_completed", "share_granted", "share_revoked", "review_posted"} <= set(
        declared_signals()
    )


@pytest.mark.parametrize("name", sorted(declared_signals()))
def test_each_signal_is_documented_with_the_arguments_it_is_sent_with(name):
    module_name = declared_signals()[name]
    row = doc_row(f"| `{module_name}.{name}`")
    sent_with = signal_sends().get(name)
    assert sent_with, f"{name} is declared but never sent"
    documented = set(re.findall(r"`(\w+)`", row.split("|")[3]))
    assert sent_with <= documented, f"{name} is sent with {sorted(sent_with)}; the doc lists {sorted(documented)}"


def test_the_proof_blocks_are_there():
    assert {"settings", "urls", "api-settings", "api-urls", "base-head", "base-content"} <= set(marked_blocks(DOC))


def test_the_base_template_blocks_fit_a_wagtail_start_base_template_and_give_the_apps_what_they_need():
    import wagtail

    start_base = Path(wagtail.__file__).parent / "project_template" / "project_name" / "templates" / "base.html"
    # The project template is itself a template: `wagtail start` renders it to make the project's file.
    text = Engine().from_string(start_base.read_text()).render(Context({"project_name": "hostsite"}, autoescape=False))
    assert "{% block extra_head %}" not in text and "{% if messages %}" not in text  # what the doc adds is missing
    for name in ("base-head", "base-content"):
        code, placement, anchor = marked(DOC)[name]
        assert placement in {"before", "replaces"}
        text = placed(text, name, code, placement, anchor)
    head, body = text.split("</head>")
    assert "{% block extra_head %}{% endblock %}" in head
    assert re.search(r"<main id=\"main\">\s*{% if messages %}.*{% block content %}{% endblock %}\s*</main>", body, re.S)
    assert body.count("{% block content %}") == 1


def test_the_settings_block_installs_every_app_and_context_processor_of_the_plugin_set():
    settings_block = marked_blocks(DOC)["settings"]
    shipped_apps = sorted(
        ".".join(path.parent.relative_to(ROOT).parts) for app_dir in APP_DIRS for path in app_dir.rglob("apps.py")
    )
    for app in shipped_apps:
        assert f'"{app}"' in settings_block, f"the settings block does not install {app}"
    for processor in re.findall(r'"(\w+\.context_processors\.\w+)"', settings_block):
        module_name, function = processor.rsplit(".", 1)
        assert callable(getattr(importlib.import_module(module_name), function))
    assert "resources.context_processors.resources" in settings_block
    assert "learning.context_processors.learning" in settings_block


def test_the_settings_block_puts_the_private_response_middleware_above_sessions_in_a_wagtail_start_project():
    import wagtail

    start_settings = Path(wagtail.__file__).parent / "project_template" / "project_name" / "settings" / "base.py"
    text = Engine().from_string(start_settings.read_text()).render(Context({"project_name": "hostsite"}))
    namespace = {"__file__": str(start_settings)}
    exec(compile(text, "base.py", "exec"), namespace)  # noqa: S102 (Wagtail's own project template)
    exec(compile(marked_blocks(DOC)["settings"], "plugins.md", "exec"), namespace)  # noqa: S102
    middleware = namespace["MIDDLEWARE"]
    ours = "learning.middleware.PrivateResponseMiddleware"
    assert middleware.count(ours) == 1
    assert middleware[middleware.index(ours) + 1] == "django.contrib.sessions.middleware.SessionMiddleware"
    assert middleware.index(ours) < middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    assert callable(import_string(ours))


def test_the_url_block_includes_every_url_module_of_the_plugin_set():
    urls_block = marked_blocks(DOC)["urls"]
    url_modules = sorted(
        ".".join(path.with_suffix("").relative_to(ROOT).parts)
        for app_dir in APP_DIRS
        for path in app_dir.rglob("urls.py")
    )
    for module_name in url_modules:
        assert f'include("{module_name}")' in urls_block
        assert importlib.import_module(module_name).app_name


@pytest.mark.parametrize("name", re.findall(r"\| `(\w+)\(", DOC))
def test_each_documented_permission_function_exists(name):
    from learning import permissions
    from learning.readiness import permissions as readiness_permissions

    row = doc_row(f"| `{name}(")
    function = getattr(permissions, name, None) or getattr(readiness_permissions, name, None)
    assert callable(function), f"neither learning.permissions nor learning.readiness.permissions has {name}"
    documented = re.match(rf"\| `{name}\(([^)]*)\)`", row).group(1)
    documented_parameters = [part.split("=")[0].strip() for part in documented.split(",") if part.strip()]
    assert documented_parameters == list(inspect.signature(function).parameters)


def test_the_template_names_the_doc_mentions_exist():
    from django.template.loader import get_template

    for name in set(re.findall(r"`((?:resources|learning|readiness)/[\w/]+\.html)`", DOC)):
        get_template(name)


def test_the_documented_url_names_reverse():
    for name in set(re.findall(r"`((?:learning|resources|readiness):\w+)`", DOC)):
        try:
            reverse(name)
        except NoReverseMatch as error:
            # Names that take arguments still exist if the message says which arguments.
            assert "with no arguments not found" in str(error), error


def test_the_doc_lists_the_upload_types_the_apps_accept():
    from learning.uploads import ALLOWED_TYPES
    from resources.forms import PHOTO_FORMATS

    evidence_line = re.search(r"^- evidence \(`learning\.uploads\.ALLOWED_TYPES`\):(.*?)(?=^- )", DOC, re.M | re.S)
    photo_line = re.search(r"^- story photos \(`resources\.forms`\):(.*?)$", DOC, re.M)
    assert evidence_line and photo_line
    documented = set(re.findall(r"\b[A-Z]{3,4}\b", evidence_line.group(1)))
    assert documented == {extension.lstrip(".").upper() for extension in ALLOWED_TYPES} - {"JPG"}
    for image_format in PHOTO_FORMATS:
        assert image_format.lower() in photo_line.group(1).lower()


def test_the_doc_offers_no_demo_loader_and_the_framework_models_it_names_exist():
    """The wheel ships no demo content, so the doc names no demo module of the apps to import."""
    section = DOC.split("## 9. ", 1)[1].split("\n## ", 1)[0]
    assert section.startswith("Demo content is not in the package")
    assert not re.search(r"\b(?:learning|resources)(?:\.readiness)?\.demo\b", DOC)
    named = re.findall(r"`(?:learning\.readiness\.models\.)?([A-Z]\w+)`", section)
    assert {"ReadinessDomain", "MaturityLevel", "Indicator", "SuggestedEvidence"} <= set(named)
    for name in named:
        assert import_string(f"learning.readiness.models.{name}")
    for path in re.findall(r"`(demo/\w+\.py)`", section):
        assert (ROOT / path).is_file(), f"docs/plugins.md points to {path}, which the Hub does not have"
