"""A StreamField whose migrations do not carry its block definitions.

Wagtail's own StreamField writes every block (labels, help text, choices, nested blocks) into
each migration. The column is JSON whatever the blocks are, so those migrations change nothing in
the database, yet every block edit makes a new migration in every app that uses the blocks, and
every host site installing these apps has to run them. This field leaves the blocks out of what
it deconstructs to: editing or adding a block makes no migration.

The trade-off: inside a migration, the historical model's field has no blocks, so a data migration
that reads a body gets the stored JSON (`value.raw_data`), not block values. That is the right
thing to write data migrations against anyway, since block classes change after the migration
is written.
"""

import json

from wagtail.fields import StreamField as WagtailStreamField


class StreamField(WagtailStreamField):
    """Use exactly like Wagtail's StreamField; only its migrations differ."""

    def __init__(self, block_types=None, *args, **kwargs):
        # A migration builds the field with no block types (it never had them).
        super().__init__(block_types if block_types is not None else [], *args, **kwargs)

    def deconstruct(self):
        name, path, _args, kwargs = super().deconstruct()
        kwargs.pop("block_lookup", None)
        return name, path, [], kwargs

    def to_python(self, value):
        stream_value = super().to_python(value)
        if self.stream_block.child_blocks or not value or stream_value.raw_data:
            return stream_value
        # In a migration there are no child blocks to recognise the stored items, so keep them raw.
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return stream_value
        if isinstance(value, list):
            return type(stream_value)(self.stream_block, value, is_lazy=True)
        return stream_value
