"""The shared content blocks: rendering, table of contents, reading time, anchor validation."""

import pytest
from wagtail.blocks.stream_block import StreamBlockValidationError

from resources.blocks import ContentStreamBlock, reading_minutes, table_of_contents, word_count


def stream(*children):
    return ContentStreamBlock().to_python([{"type": kind, "value": value} for kind, value in children])


def heading(text, level="h2", anchor=""):
    return ("heading", {"text": text, "level": level, "anchor": anchor})


def test_table_of_contents_lists_headings_in_order_with_anchors():
    body = stream(
        heading("What it is"),
        ("paragraph", "<p>Some words.</p>"),
        heading("Before you start", "h3"),
        heading("Custom", anchor="my place"),
    )
    assert table_of_contents(body) == [
        {"text": "What it is", "anchor": "what-it-is", "level": "h2"},
        {"text": "Before you start", "anchor": "before-you-start", "level": "h3"},
        {"text": "Custom", "anchor": "my-place", "level": "h2"},
    ]
    html = str(body)
    assert '<h2 id="what-it-is">What it is</h2>' in html
    assert '<h3 id="before-you-start">' in html
    assert 'id="my-place"' in html


def test_reading_time_grows_with_words_and_is_never_zero_for_text():
    assert reading_minutes(stream()) == 0
    assert reading_minutes(stream(("paragraph", "<p>Just a few words.</p>"))) == 1
    long = stream(("paragraph", "<p>" + "word " * 450 + "</p>"))
    assert word_count(long) == 450
    assert reading_minutes(long) == 3
    assert reading_minutes(long, words_per_minute=450) == 1


def test_duplicate_heading_anchors_are_refused():
    block = ContentStreamBlock()
    value = stream(heading("Start"), heading("Start", "h3"))
    with pytest.raises(StreamBlockValidationError):
        block.clean(value)
    block.clean(stream(heading("Start"), heading("Start", anchor="start-again")))


def test_every_block_renders_its_content_without_javascript():
    body = stream(
        ("callout", {"kind": "warning", "title": "", "text": "<p>Mind the gap.</p>"}),
        ("checklist", {"title": "Bring", "items": ["Pens"]}),
        ("activity", {"title": "Walk", "what_you_need": [], "minutes": 30, "steps": ["Go outside"]}),
        ("quote", {"text": "We did it together.", "attribution": "Ann", "role": "Chair"}),
        ("accordion", {"items": [{"heading": "What if it rains?", "content": "<p>Bring a brolly.</p>"}]}),
        ("key_takeaways", {"title": "", "items": ["Start with strengths"]}),
    )
    html = str(body)
    assert 'class="callout callout--warning"' in html and "Warning" in html
    assert "<li>Pens</li>" in html
    assert "Try this with your group" in html and "About 30 minutes" in html
    assert "<blockquote><p>We did it together.</p></blockquote>" in html and "Ann, Chair" in html
    assert "<details>" in html and "<summary>What if it rains?</summary>" in html
    assert "Key takeaways" in html and "<li>Start with strengths</li>" in html
    assert "<script" not in html
