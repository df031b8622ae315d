"""The framework becomes translatable (issue 15), step 1 of 3: a language and a translation key on each
domain, level descriptor and indicator, empty for now (step 2 fills them, step 3 requires them)."""

import django.db.models.deletion
from django.db import migrations, models

MODELS = ("readinessdomain", "maturitylevel", "indicator")


class Migration(migrations.Migration):
    dependencies = [
        ("readiness", "0005_access_log_counts_cohort_figures"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        operation
        for model_name in MODELS
        for operation in (
            migrations.AddField(
                model_name=model_name,
                name="locale",
                field=models.ForeignKey(
                    null=True,
                    editable=False,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="+",
                    to="wagtailcore.locale",
                    verbose_name="locale",
                ),
            ),
            migrations.AddField(
                model_name=model_name, name="translation_key", field=models.UUIDField(null=True, editable=False)
            ),
        )
    ]
