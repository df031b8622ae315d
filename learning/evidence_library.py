"""What other parts of the plugin add to the group's one "Evidence library" page.

The core lists the group's evidence; readiness adds the areas each piece is linked to, with the way to
change them, through `register_part` from its AppConfig.ready(), so this module never imports it.

A part is a callable `part(user, group, items)` returning a `LibraryPart` or None. It is given the page's
evidence already loaded and must cost the same few queries however many items there are.
"""

from dataclasses import dataclass, field

_PARTS = []


@dataclass
class LibraryPart:
    """A column of the library's table (`heading`, and `cell_template` shown for each item with `item` and
    `cell`, the item's entry in `cells`), and an optional `template` shown once above the table with `part`."""

    heading: str = ""
    cell_template: str = ""
    cells: dict = field(default_factory=dict)
    template: str = ""
    context: dict = field(default_factory=dict)


def register_part(part):
    """Add a part to every group's library (called once from an AppConfig.ready(); twice keeps one)."""
    if part not in _PARTS:
        _PARTS.append(part)


def parts_for(user, group, items):
    """The parts the page shows, in the order they were registered; each item gets `extra_cells` for the table:
    (heading, cell template, cell) for each column, the heading also labelling the cell on a narrow screen."""
    parts = [found for part in _PARTS if (found := part(user, group, items)) is not None]
    columns = [part for part in parts if part.cell_template]
    for item in items:
        item.extra_cells = [(part.heading, part.cell_template, part.cells.get(item.pk)) for part in columns]
    return parts
