"""The framework becomes translatable (issue 15), step 3 of 3: language and key required; a domain's name
and short name are unique within a language, not across languages; one translation per language; a funder's
thresholds and requirements choose among the default-language domains."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from wagtail.coreutils import get_supported_content_language_variant

import learning.readiness.models.framework


def remove_translations(apps, schema_editor):
    """Going back: the old schema keeps one row a domain, so the translations go (groups' records never
    point at them)."""
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    ReadinessDomain = apps.get_model("readiness", "ReadinessDomain")
    ReadinessDomain.objects.exclude(locale__language_code=default).delete()
    if schema_editor.connection.vendor == "postgresql":
        # Check the deletion's deferred foreign keys now: PostgreSQL alters no table with checks pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


class Migration(migrations.Migration):
    dependencies = [("readiness", "0007_framework_in_default_language")]

    operations = [
        *(
            operation
            for model_name in ("readinessdomain", "maturitylevel", "indicator")
            for operation in (
                migrations.AlterField(
                    model_name=model_name,
                    name="locale",
                    field=models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
                migrations.AlterField(
                    model_name=model_name,
                    name="translation_key",
                    field=models.UUIDField(default=uuid.uuid4, editable=False),
                ),
            )
        ),
        migrations.AlterField(
            model_name="readinessdomain", name="name", field=models.CharField(max_length=120, verbose_name="name")
        ),
        migrations.AlterField(
            model_name="readinessdomain",
            name="slug",
            field=models.SlugField(max_length=80, verbose_name="short name"),
        ),
        migrations.AddConstraint(
            model_name="readinessdomain",
            constraint=models.UniqueConstraint(
                fields=("translation_key", "locale"), name="readiness_domain_one_per_language"
            ),
        ),
        migrations.AddConstraint(
            model_name="readinessdomain",
            constraint=models.UniqueConstraint(fields=("locale", "slug"), name="readiness_domain_slug_per_language"),
        ),
        migrations.AddConstraint(
            model_name="readinessdomain",
            constraint=models.UniqueConstraint(fields=("locale", "name"), name="readiness_domain_name_per_language"),
        ),
        migrations.AddConstraint(
            model_name="maturitylevel",
            constraint=models.UniqueConstraint(
                fields=("translation_key", "locale"), name="readiness_level_one_per_language"
            ),
        ),
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.UniqueConstraint(
                fields=("translation_key", "locale"), name="readiness_indicator_one_per_language"
            ),
        ),
        *(
            migrations.AlterField(
                model_name=model_name,
                name="domain",
                field=models.ForeignKey(
                    limit_choices_to=learning.readiness.models.framework.in_default_language,
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="+",
                    to="readiness.readinessdomain",
                    verbose_name="domain",
                ),
            )
            for model_name in ("funderrequirement", "funderthreshold")
        ),
        # Last, so that going back it runs first, before the old one-row-a-domain constraints return.
        migrations.RunPython(migrations.RunPython.noop, remove_translations),
    ]
