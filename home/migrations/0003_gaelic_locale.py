"""Gaelic as a content language: the `gd` Locale pages and snippets are translated into (issue 15).

A further language is added in the admin (Settings > Locales) after adding it to LANGUAGES; no
migration is needed for it (docs/translation.md).
"""

from django.db import migrations


def add_gaelic(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="gd")


def remove_gaelic(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.filter(language_code="gd", pages__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_hub_editorial_groups"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(add_gaelic, remove_gaelic)]
