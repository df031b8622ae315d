"""Model instances from rows read with hand-written SQL, as the ORM would have made them.

A few statements on the busiest paths (a member's "done") are written out because the ORM spends longer
building and compiling them than the database spends answering. What they read still arrives as model
instances: the fields named are set, converted as the ORM converts them, and any other field is deferred
(it loads with a query of its own if something asks for it).
"""

from django.db import connection


def fields_of(model, attnames):
    """The model's concrete fields named by attribute name, in the order `Model.from_db` takes their values."""
    wanted = set(attnames)
    fields = [field for field in model._meta.concrete_fields if field.attname in wanted]
    missing = wanted - {field.attname for field in fields}
    if missing:
        raise ValueError(f"{model.__name__} has no column {', '.join(sorted(missing))}")
    return fields


def as_stored(field, value):
    """A value read by hand as the ORM hands it back (SQLite gives a date and time as text, say)."""
    column = field.cached_col
    for converter in (*connection.ops.get_db_converters(column), *column.get_db_converters(connection)):
        value = converter(value, column, connection)
    return value


def from_row(model, fields, values):
    """An instance of `model` with `fields` (from `fields_of`) set from `values`, the others deferred."""
    return model.from_db(
        connection.alias,
        [field.attname for field in fields],
        [as_stored(field, value) for field, value in zip(fields, values, strict=True)],
    )
