"""Reflections are plain text: stored as typed, shown escaped with line breaks kept and web links clickable."""

import html
import importlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.urls import reverse

from learning.models import Reflection
from learning.services import evidence as evidence_services
from resources.sanitise import plain_text_to_html

pytestmark = pytest.mark.django_db

TYPED = "We met on Tuesday.\nWe agreed <b>bold</b> plans: 5 < 6 & 7 > 2\nNotes: https://example.org/page?a=1&b=2"


def step_page(client, world):
    return client.get(f"{world.step.url}?group={world.group.slug}").content.decode()


def textarea_of(page):
    """The text inside the form's textarea, as the HTML source has it (Django starts it with a newline)."""
    return re.search(r"<textarea[^>]*>\n?(.*?)</textarea>", page, re.S).group(1)


def test_a_reflection_is_stored_as_typed_and_shown_as_escaped_text_with_lines_and_links(client, world):
    client.force_login(world.member)
    response = client.post(reverse("learning:reflection_add", args=[world.group.slug, world.step.pk]), {"text": TYPED})
    assert response.status_code == 302
    reflection = Reflection.objects.latest("pk")
    assert reflection.text == TYPED

    page = step_page(client, world)
    assert "We met on Tuesday.<br>We agreed &lt;b&gt;bold&lt;/b&gt; plans: 5 &lt; 6 &amp; 7 &gt; 2<br>" in page
    assert '<a href="https://example.org/page?a=1&amp;b=2" rel="nofollow noopener">' in page
    assert "<b>bold</b>" not in page

    edit = reverse("learning:reflection_edit", args=[world.group.slug, reflection.pk])
    source = textarea_of(client.get(edit).content.decode())
    assert "&lt;b&gt;bold&lt;/b&gt;" in source and "&amp;lt;" not in source and "rel=" not in source
    assert html.unescape(source) == TYPED

    assert client.post(edit, {"text": html.unescape(source)}).status_code == 302
    reflection.refresh_from_db()
    assert reflection.text == TYPED


def test_surrounding_space_and_nul_bytes_go_and_line_endings_are_one_kind(world):
    reflection = evidence_services.add_reflection(
        group=world.group, step=world.step, by=world.member, text="  \n One\r\nTwo\x00\rThree \n "
    )
    assert reflection.text == "One\nTwo\nThree"
    evidence_services.edit_reflection(reflection=reflection, by=world.member, text="\x00<i>Four</i>\n")
    reflection.refresh_from_db()
    assert reflection.text == "<i>Four</i>"


def test_a_nul_byte_sent_through_the_form_is_dropped_not_refused(client, world):
    client.force_login(world.member)
    url = reverse("learning:reflection_add", args=[world.group.slug, world.step.pk])
    assert client.post(url, {"text": "One\x00 two\r\nthree"}).status_code == 302
    assert Reflection.objects.latest("pk").text == "One two\nthree"


def test_a_reflection_longer_than_the_limit_is_refused(client, world):
    with pytest.raises(ValidationError):
        evidence_services.add_reflection(group=world.group, step=world.step, by=world.member, text="x" * 5001)
    client.force_login(world.member)
    url = reverse("learning:reflection_add", args=[world.group.slug, world.step.pk])
    response = client.post(url, {"text": "x" * 5001})
    assert response.status_code == 200 and b"There is a problem" in response.content


def test_only_web_and_mail_links_are_made():
    shown = plain_text_to_html("javascript:alert(1) and vbscript:x and mailto:team@example.org")
    assert re.findall(r'href="([^"]*)"', shown) == ["mailto:team@example.org"]
    assert plain_text_to_html("<a href=\"javascript:alert('x')\">click</a>") == (
        "<p>&lt;a href=\"javascript:alert('x')\"&gt;click&lt;/a&gt;</p>"
    )


def test_typed_entities_and_markup_are_shown_as_typed_not_decoded():
    assert plain_text_to_html("&lt;script&gt; &amp; <script>x</script>") == (
        "<p>&amp;lt;script&amp;gt; &amp;amp; &lt;script&gt;x&lt;/script&gt;</p>"
    )
    assert plain_text_to_html("") == ""


def test_the_template_filter_is_the_pipeline_and_safe_only_after_it():
    rendered = Template("{% load learning_tags %}{{ text|plain_text }}").render(Context({"text": "a <b>\n\nb"}))
    assert rendered == "<p>a &lt;b&gt;</p>\n\n<p>b</p>"


def test_the_migration_turns_stored_html_back_into_the_text_that_was_typed():
    migration = importlib.import_module("learning.migrations.0004_reflections_as_plain_text")
    stored = '<p>Hello<br>there &amp; <a href="https://x.org" rel="nofollow">https://x.org</a></p>'
    assert migration.html_to_plain_text(stored) == "Hello\nthere & https://x.org"
    assert migration.html_to_plain_text("<p>One</p><p>Two <strong>2</strong> &lt;3</p>") == "One\n\nTwo 2 <3"
    assert migration.html_to_plain_text("<p>A<br/>B</p>\n<p>C</p>") == "A\nB\n\nC"
    assert migration.html_to_plain_text("<ul><li>a</li><li>b</li></ul>") == "a\nb"
    assert migration.html_to_plain_text("Already plain") == "Already plain"
    assert migration.plain_text_to_stored_html("a & <b>\nc") == "<p>a &amp; &lt;b&gt;<br>c</p>"
