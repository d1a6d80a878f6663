import secrets

from django.db import migrations, models
from django.utils import timezone


def create_row(apps, schema_editor):
    DataVersion = apps.get_model("core", "DataVersion")
    DataVersion.objects.using(schema_editor.connection.alias).get_or_create(
        pk=1, defaults={"token": secrets.token_hex(8), "changed_at": timezone.now()}
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_groups")]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=32)),
                ("changed_at", models.DateTimeField()),
            ],
            options={"db_table": "core_dataversion"},
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
