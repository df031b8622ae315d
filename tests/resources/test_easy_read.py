"""Easy Read versions for editors (issue 15, item 2): the writing rules, the row block's required picture and
alternative text, the shipped pictograms and their licence, and the editor's panel that warns, never blocks,
when a sentence is longer than 15 words."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from resources.easy_read.blocks import EasyReadRowBlock, EasyReadStreamBlock
from resources.easy_read.pictograms import PICTOGRAMS, STATIC_FOLDER, pictogram_url
from resources.easy_read.rules import easy_read_warnings, sentences, word_count
from resources.models import GuidePage

from .factories import make_guide

pytestmark = pytest.mark.django_db

PICTOGRAM_DIR = Path(settings.BASE_DIR) / "resources" / "static" / STATIC_FOLDER
LONG = "Co-production means that the people who use a service and the people who run it share the work of deciding."


def row(text, pictogram="handshake", alt_text="Two hands shaking", image=None):
    return ("row", {"pictogram": pictogram, "image": image, "alt_text": alt_text, "text": f"<p>{text}</p>"})


def stream(*items):
    return EasyReadStreamBlock().to_python([{"type": kind, "value": value} for kind, value in items])


def test_a_sentence_of_more_than_15_words_is_named_with_its_row_and_length():
    assert word_count(LONG) == 20
    warnings = easy_read_warnings(stream(row("We meet <b>every week</b>."), row(LONG)))
    assert warnings == [f"Row 2: “{LONG}” has 20 words. Easy Read sentences have 15 words or fewer: split it in two."]


def test_short_sentences_with_bold_words_pass_and_hyphenated_words_count_once():
    assert word_count("Co-production isn't hard.") == 3
    assert (
        easy_read_warnings(stream(("heading", "What it is"), row("<b>Co-production</b> means working as equals.")))
        == []
    )


def test_a_row_of_more_than_two_sentences_and_a_very_long_version_are_warned_about():
    assert sentences("One idea. Two ideas! Three ideas?") == ["One idea.", "Two ideas!", "Three ideas?"]
    assert easy_read_warnings(stream(row("One idea. Two ideas! Three ideas?"))) == [
        "Row 1 has 3 sentences. Keep to one or two beside each picture."
    ]
    many = easy_read_warnings(stream(*[row("A short sentence.")] * 31))
    assert many == ["There are 31 rows. Easy Read documents are short: keep to about 30 rows."]


def test_every_row_needs_alternative_text_and_exactly_one_picture():
    block = EasyReadRowBlock()
    good = block.to_python({"pictogram": "house", "image": None, "alt_text": "A house", "text": "<p>Home.</p>"})
    assert block.clean(good)["alt_text"] == "A house"
    for value, field in [
        ({"pictogram": "house", "image": None, "alt_text": "", "text": "<p>Home.</p>"}, "alt_text"),
        ({"pictogram": "", "image": None, "alt_text": "A house", "text": "<p>Home.</p>"}, "pictogram"),
    ]:
        with pytest.raises(ValidationError) as raised:
            block.clean(block.to_python(value))
        assert field in raised.value.block_errors


def test_the_pictograms_are_shipped_with_their_licence_and_a_plain_label_each():
    assert 20 <= len(PICTOGRAMS) <= 40
    for name, label in PICTOGRAMS.items():
        svg = (PICTOGRAM_DIR / f"{name}.svg").read_text()
        assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"'), name
        assert str(label) and pictogram_url(name).endswith(f"/{STATIC_FOLDER}/{name}.svg")
    assert sorted(path.stem for path in PICTOGRAM_DIR.glob("*.svg")) == sorted(PICTOGRAMS)
    licence = (PICTOGRAM_DIR / "LICENSE").read_text()
    assert "CC BY 4.0" in licence and "@iconify-json/twemoji 1.2.5" in licence
    assert "@iconify-json/twemoji" in (PICTOGRAM_DIR / "README.md").read_text()
    assert pictogram_url("not-shipped") == ""


@pytest.fixture
def guide_with_a_long_sentence(guide_index):
    guide = make_guide(guide_index, title="Working as equals")
    guide.easy_read = [row("We meet <b>every week</b>."), row(LONG)]
    guide.save_revision().publish()
    return GuidePage.objects.get(pk=guide.pk)


@pytest.fixture
def editor_client(client, make_user):
    client.force_login(make_user(email="chief-editor@example.org", is_staff=True, is_superuser=True))
    return client


def test_the_editor_sees_the_rules_and_each_long_sentence_in_the_easy_read_panel(
    editor_client, guide_with_a_long_sentence
):
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[guide_with_a_long_sentence.pk])).content.decode()
    assert "How to write Easy Read" in html
    assert "One idea in each sentence, and no more than 15 words a sentence." in html
    assert "Easy Read check: 1 thing to look at. You can still save and publish." in html
    assert "Row 2: “Co-production means that the people who use a service" in html


def test_saving_a_long_sentence_is_warned_about_and_not_blocked(editor_client, guide_with_a_long_sentence):
    guide = guide_with_a_long_sentence
    edit_url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    # The admin builds StreamField inputs with JavaScript, so the form is written out as the browser sends it.
    words = [
        ("row", {**value, "image": "", "text": rich_text(value["text"])})
        for _kind, value in (row("We meet."), row(LONG))
    ]
    form = nested_form_data(
        {
            "title": "Working as equals, again",
            "slug": guide.slug,
            "summary": guide.summary,
            "audience": guide.audience,
            "body": streamfield([("paragraph", rich_text("<p>Some helpful words.</p>"))]),
            "related_guide_links": inline_formset([]),
            "related_case_study_links": inline_formset([]),
            "comments": inline_formset([]),
            "easy_read": streamfield(words),
            "action-publish": "action-publish",
        }
    )
    response = editor_client.post(edit_url, form, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The Easy Read check found 1 thing to look at. It is listed in the Easy Read version panel." in html
    published = GuidePage.objects.get(pk=guide.pk)
    assert published.title == "Working as equals, again" and published.live and published.has_easy_read
    assert LONG in str(published.easy_read[1].value["text"])


def test_a_page_without_easy_read_words_gets_no_warning(editor_client, guide_index):
    guide = make_guide(guide_index)
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk])).content.decode()
    assert "How to write Easy Read" in html and "Easy Read check" not in html
