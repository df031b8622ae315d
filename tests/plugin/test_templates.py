"""The apps' templates stand on their own in a host site: they need only the host's base template."""

import re
from pathlib import Path

from django.template import engines
from django.template.loader_tags import BlockNode, ExtendsNode

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATE_DIRS = [
    ROOT / "learning" / "templates",
    ROOT / "learning" / "readiness" / "templates",
    ROOT / "resources" / "templates",
]
DOC = (ROOT / "docs" / "plugins.md").read_text()


def app_template_names():
    for folder in TEMPLATE_DIRS:
        for path in sorted(folder.rglob("*.html")):
            yield path.relative_to(folder).as_posix()


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
