"""The apps' templates stand on their own in a host site: they need only the host's base template."""

import re
from pathlib import Path

import pytest
from django.template import engines
from django.template.base import Variable
from django.template.defaulttags import URLNode
from django.template.loader_tags import BlockNode, ExtendsNode, IncludeNode

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATE_DIRS = [
    ROOT / "learning" / "templates",
    ROOT / "learning" / "readiness" / "templates",
    ROOT / "learning" / "meetings" / "templates",
    ROOT / "resources" / "templates",
]
APP_SOURCE = [ROOT / "learning", ROOT / "resources"]
DOC = (ROOT / "docs" / "plugins.md").read_text()
# The only templates the apps may take from the host: the base template, named by these context
# variables (filled by the apps' context processors from LEARNING_BASE_TEMPLATE / RESOURCES_BASE_TEMPLATE).
BASE_TEMPLATE_VARIABLES = {"learning_base_template", "resources_base_template"}
APP_URL_NAMESPACES = {"learning", "readiness", "meetings", "resources"}


def app_template_names(patterns=("*.html",)):
    for folder in TEMPLATE_DIRS:
        for pattern in patterns:
            for path in sorted(folder.rglob(pattern)):
                yield path.relative_to(folder).as_posix()


SHIPPED = set(app_template_names(("*.html", "*.txt")))


def extends_node(name):
    template = engines["django"].get_template(name).template
    return next((node for node in template.nodelist if isinstance(node, ExtendsNode)), None)


def app_parent(node):
    """The app template this one extends by name, or None when it extends the configurable base."""
    parent = node.parent_name.var
    return str(parent) if isinstance(parent, str) else None


def blocks_filled_in_the_base_template():
    """Blocks the apps fill in the host's base template, not in one of their own layouts."""
    filled = set()
    for name in app_template_names():
        node = extends_node(name)
        if node is None:
            continue
        own_ancestor_blocks = set()
        parent = app_parent(node)
        while parent:
            parent_node = extends_node(parent)
            own_ancestor_blocks |= {block.name for block in parent_node.nodelist.get_nodes_by_type(BlockNode)}
            parent = app_parent(parent_node)
        top_level = {child.name for child in node.nodelist if isinstance(child, BlockNode)}
        filled |= top_level - own_ancestor_blocks
    return filled


def test_the_doc_lists_the_blocks_the_apps_fill_in_the_host_base_template():
    section = DOC.split("## 6. Templates", 1)[1].split("## 7.", 1)[0]
    documented = set(re.findall(r"^\| `(\w+)` \|", section, re.MULTILINE))
    assert documented == blocks_filled_in_the_base_template()


def parsed(name):
    return engines["django"].get_template(name).template


def host_dependencies(template):
    """What the template needs from a host site beyond its base template: other templates and URL names."""
    found = []
    nodes = [("extends", node.parent_name) for node in template.nodelist.get_nodes_by_type(ExtendsNode)]
    nodes += [("includes", node.template) for node in template.nodelist.get_nodes_by_type(IncludeNode)]
    for kind, expression in nodes:
        target = expression.var
        if isinstance(target, Variable):
            # Extending by variable is allowed only for the configured base template; an include by
            # variable (a home page section) renders a template name the apps' own code chose.
            if kind == "extends" and str(target) not in BASE_TEMPLATE_VARIABLES:
                found.append(f"extends {target}, not the configured base template")
        elif str(target) not in SHIPPED:
            found.append(f"{kind} {target!r}, which the apps do not ship")
    for node in template.nodelist.get_nodes_by_type(URLNode):
        view_name = str(node.view_name.var)
        if view_name.partition(":")[0] not in APP_URL_NAMESPACES or ":" not in view_name:
            found.append(f"links to the URL name {view_name!r}, which a host site may not have")
    return found


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_an_app_template_needs_nothing_from_the_host_but_its_base_template(name):
    assert host_dependencies(parsed(name)) == []


def pages_extending_the_host_base():
    for name in sorted(SHIPPED):
        node = extends_node(name) if name.endswith(".html") else None
        if node is not None and app_parent(node) is None:
            yield name


@pytest.mark.parametrize("name", list(pages_extending_the_host_base()))
def test_an_app_page_puts_its_stylesheet_in_the_host_s_head(name):
    """Without it a page in a host site has neither the app's look nor its form styles (common.css)."""
    node = extends_node(name)
    head = next((child for child in node.nodelist if isinstance(child, BlockNode) and child.name == "extra_head"), None)
    assert head is not None, f"{name} does not fill extra_head"
    source = (next(folder for folder in TEMPLATE_DIRS if (folder / name).exists()) / name).read_text()
    app = name.split("/", 1)[0]
    common, own = "{% static 'resources/common.css' %}", f"{{% static '{app}/{app}.css' %}}"
    assert common in source and own in source, f"{name} does not link resources/common.css and {app}/{app}.css"
    assert source.index(common) < source.index(own), f"{name} must link resources/common.css first"


def test_the_dependency_check_sees_the_site_s_templates_and_url_names():
    """The mistakes the apps once made: the Hub site's form field include and its sign-in URL name."""
    template = (
        engines["django"]
        .from_string(
            '{% extends "base.html" %}{% block content %}{% include "includes/field.html" %}'
            "<a href=\"{% url 'accounts:login' %}\">Sign in</a>{% endblock %}"
        )
        .template
    )
    assert host_dependencies(template) == [
        "extends 'base.html', which the apps do not ship",
        "includes 'includes/field.html', which the apps do not ship",
        "links to the URL name 'accounts:login', which a host site may not have",
    ]


def test_the_apps_python_code_names_only_templates_the_apps_ship():
    named = re.compile(r"""["']((?:learning|readiness|resources)/[\w/.-]+\.(?:html|txt))["']""")
    missing = []
    for folder in APP_SOURCE:
        for path in sorted(folder.rglob("*.py")):
            for template in named.findall(path.read_text(encoding="utf-8")):
                if template not in SHIPPED:
                    missing.append(f"{path.relative_to(ROOT)}: {template}")
    assert not missing, missing


STYLESHEETS = {
    path.relative_to(folder).as_posix(): path.read_text()
    for folder in (
        ROOT / "learning" / "static",
        ROOT / "learning" / "readiness" / "static",
        ROOT / "learning" / "meetings" / "static",
        ROOT / "resources" / "static",
    )
    for path in folder.rglob("*.css")
}


@pytest.mark.parametrize("stylesheet", sorted(STYLESHEETS))
def test_every_colour_an_app_stylesheet_takes_from_the_host_has_a_default_in_common_css(stylesheet):
    """In a host whose stylesheet sets none of the Hub's custom properties the apps still have colours and borders."""
    defaults = re.search(r":where\(html\)\s*\{([^}]*)\}", STYLESHEETS["resources/common.css"])
    assert defaults, "resources/common.css has no :where(html) defaults"
    given = set(re.findall(r"(--[\w-]+)\s*:", defaults.group(1)))
    used = set(re.findall(r"var\((--[\w-]+)\)", STYLESHEETS[stylesheet]))
    assert used <= given, f"{stylesheet} uses {sorted(used - given)} without a default"
