from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0007_group_export"),
    ]

    operations = [
        migrations.AddField(
            model_name="communitygroup",
            name="findable",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "When on, a funder's reviewer can find the group by its name or place and ask it to share. "
                    "Nothing is shared until a coordinator shares it."
                ),
                verbose_name="funders can find the group by name",
            ),
        ),
        migrations.AddField(
            model_name="invitation",
            name="label",
            field=models.CharField(
                blank=True,
                help_text="A note for the group's coordinators, for example “Mary from the lunch club”.",
                max_length=80,
                verbose_name="who it is for",
            ),
        ),
    ]
