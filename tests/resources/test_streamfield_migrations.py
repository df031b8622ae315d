"""Block definitions stay out of migrations: editing or adding a block makes no migration."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail import blocks

from learning.models import StepPage
from resources.blocks import ContentStreamBlock
from resources.fields import StreamField
from resources.models import CaseStudyPage, GuidePage

BODY_FIELDS = [
    (GuidePage, "body"),
    (CaseStudyPage, "what_they_did"),
    (CaseStudyPage, "quotes"),
    (StepPage, "body"),
]


def makemigrations_check():
    """Run `makemigrations --check --dry-run`; return (exit code, what it printed)."""
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


@pytest.mark.parametrize(("model", "name"), BODY_FIELDS)
def test_a_body_deconstructs_without_its_blocks(model, name):
    field = model._meta.get_field(name)
    _name, path, args, kwargs = field.deconstruct()
    assert path == "resources.fields.StreamField"
    assert args == []
    assert "block_lookup" not in kwargs
    assert "paragraph" not in repr(kwargs) and "quote" not in repr(args)


@pytest.mark.django_db
def test_changing_help_text_or_adding_a_block_type_makes_no_migration(monkeypatch):
    assert makemigrations_check() == (0, "No changes detected\n")
    # A block deconstructs to the arguments it was made with, so this is what a help text edit changes.
    anchor = ContentStreamBlock.base_blocks["heading"].child_blocks["anchor"]
    monkeypatch.setitem(anchor._constructor_args[1], "help_text", "A throwaway help text")
    for model, name in BODY_FIELDS:
        stream_block = model._meta.get_field(name).stream_block
        monkeypatch.setitem(stream_block.child_blocks, "throwaway", blocks.CharBlock(label="Throwaway"))
    code, printed = makemigrations_check()
    assert code == 0, printed


def test_a_migration_reading_a_body_gets_the_stored_items():
    """A historical field (no blocks) keeps stored items raw instead of dropping them."""
    historical = StreamField(blank=True)
    historical.set_attributes_from_name("body")
    stored = '[{"type": "paragraph", "value": "<p>Hello</p>", "id": "a1"}]'
    value = historical.to_python(stored)
    assert list(value.raw_data) == [{"type": "paragraph", "value": "<p>Hello</p>", "id": "a1"}]
    assert list(historical.to_python("[]").raw_data) == []
