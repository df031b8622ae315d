"""No template shows words that bypass the translation tags (issue 15).

Walks every template of every app in this repository and site/templates with Django's template
Lexer (tests/i18n/template_text.py), then proves the walk catches what it should.
"""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from .template_text import untranslated_text


def _installed_package(relative):
    """A folder of an installed package that happens to sit inside the repository: a virtualenv made in
    the checkout (`make install` makes `.venv` there on a fresh clone) or any other site-packages."""
    return relative.parts[0].startswith(".") or "site-packages" in relative.parts


def hub_template_folders():
    """site/templates and the templates folder of every installed app that lives in this repository
    (not Django's, Wagtail's or any other installed package's)."""
    root = Path(settings.BASE_DIR).resolve()
    folders = [Path(folder).resolve() for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    for app in apps.get_app_configs():
        folder = Path(app.path).resolve() / "templates"
        if root in folder.parents and folder.is_dir() and not _installed_package(folder.relative_to(root)):
            folders.append(folder)
    return folders


def hub_templates():
    return sorted(
        path
        for folder in hub_template_folders()
        for path in folder.rglob("*")
        if path.is_file() and path.suffix in {".html", ".txt"}
    )


def test_the_walk_finds_every_apps_templates():
    relative = {path.relative_to(Path(settings.BASE_DIR).resolve()).parts[0] for path in hub_templates()}
    assert {"accounts", "home", "learning", "resources", "site"} <= relative
    assert any("readiness" in path.parts for path in hub_templates())


def test_no_template_text_escapes_translation():
    root = Path(settings.BASE_DIR).resolve()
    findings = [
        f"{path.relative_to(root)}:{line}: {words}"
        for path in hub_templates()
        for line, words in untranslated_text(path.read_text(encoding="utf-8"))
    ]
    assert not findings, (
        "Text that a person reads but no translator can reach; wrap it in {% translate %} or "
        "{% blocktranslate %}:\n" + "\n".join(findings)
    )


# --- The test of the test ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "template, words",
    [
        ("<p>Mark as done</p>", "Mark as done"),
        ("{% load i18n %}<h1>{% translate 'Your groups' %}</h1><p>Nothing yet.</p>", "Nothing yet"),
        ("<p>{{ count }} steps done</p>", "steps done"),
        ('<a href="{% url "x" %}">Read more</a>', "Read more"),
        ('<img src="{{ src }}" alt="A group meeting">', "A group meeting"),
        ('<nav aria-label="Main">', "Main"),
        ("<input placeholder='Search'>", "Search"),
        ('<button class="{% if primary %}button{% endif %}">Save</button>', "Save"),
        ("{% blocktranslate %}Done{% endblocktranslate %} by {{ name }}", "by"),
        ("{% if late %}Late{% endif %}", "Late"),
        ("Café &amp; Ceilidh", "Café Ceilidh"),
        ("Hello {{ name }},\n\nYour link:\n{{ url }}", "Hello Your link"),
        ('<p>{{ group.summary|default:"Nothing written yet" }}</p>', "Nothing written yet"),
        ("{{ shared|yesno:'Yes,No' }}", "Yes No"),
        ('{% include "includes/field.html" with field=form.name label="Group name" %}', "Group name"),
        ("{% firstof page.seo_title page.title 'Untitled page' %}", "Untitled page"),
    ],
)
def test_the_walk_catches_words_outside_translation(template, words):
    found = untranslated_text(template)
    assert found, f"{template!r} passed"
    assert " ".join(text for _, text in found) == words


@pytest.mark.parametrize(
    "template",
    [
        "{% load i18n %}<p>{% translate 'Mark as done' %}</p>",
        "{% load i18n %}{% blocktranslate with name=user.name %}Done by {{ name }}{% endblocktranslate %}",
        "{% load i18n %}{% blocktranslate count counter=n %}One step{% plural %}{{ counter }} steps"
        "{% endblocktranslate %}",
        '{% load i18n %}<img src="x.png" alt="{% translate \'A group meeting\' %}">',
        "{# Why this page asks nothing of the database #}<p>{{ page.title }}</p>",
        "{% comment %}Editors: keep this short.{% endcomment %}",
        '<script type="application/json">{"label": "Not shown"}</script><style>.tag { color: red; }</style>',
        '<div class="wrap site-header__inner" data-controller="menu" id="main"></div>',
        "<p>{{ done }} / {{ total }} &middot; {{ percent }}% &rarr; 2026</p>",
        '{% load i18n %}{% include "includes/field.html" with field=form.name kind="wide" %}',
        '{% if status == "in_review" %}{{ when|date:"j F Y" }}{% endif %}{{ tags|default:"info" }}',
        "{% load i18n %}{% translate 'Group name' as label %}{% include 'x.html' with label=label %}",
        "{% firstof value.title _('Key takeaways') %}{{ note|default:_('Nothing yet') }}",
        '<!DOCTYPE html>\n<html lang="{{ LANGUAGE_CODE }}"><meta charset="utf-8"></html>',
    ],
)
def test_the_walk_passes_translated_and_unread_text(template):
    assert untranslated_text(template) == []


def test_the_walk_reports_the_line():
    assert untranslated_text("{% load i18n %}\n<p>{% translate 'Fine' %}</p>\n<p>Not fine</p>") == [(3, "Not fine")]
