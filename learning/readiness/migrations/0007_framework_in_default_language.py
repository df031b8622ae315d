"""The framework becomes translatable (issue 15), step 2 of 3: every existing row is in the default
language, with a translation key of its own (one per row, so no two rows look like translations)."""

import uuid

from django.conf import settings
from django.db import migrations
from wagtail.coreutils import get_supported_content_language_variant

MODELS = ("ReadinessDomain", "MaturityLevel", "Indicator")


def fill_default_language(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    locale, _created = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    for name in MODELS:
        model = apps.get_model("readiness", name)
        rows = list(model.objects.filter(translation_key__isnull=True).only("pk"))
        for row in rows:
            row.locale_id = locale.pk
            row.translation_key = uuid.uuid4()
        model.objects.bulk_update(rows, ["locale", "translation_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("readiness", "0006_framework_translatable_fields")]

    # noop because going back drops the language fields filled here (0006 reversed): nothing else changed.
    operations = [migrations.RunPython(fill_default_language, migrations.RunPython.noop)]
