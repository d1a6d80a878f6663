"""Create the "Editors" and "Viewers" groups with their permissions."""

from django.db import migrations

from core.groups import EDITORS, VIEWERS, create_curated_permissions, grant_permissions


def create_groups(apps, schema_editor):
    using = schema_editor.connection.alias
    # Permissions are normally created after migrate (post_migrate); create them now.
    create_curated_permissions(apps, using=using)
    group_model = apps.get_model("auth", "Group")
    groups = [
        group_model.objects.using(using).get_or_create(name=name)[0] for name in (EDITORS, VIEWERS)
    ]
    grant_permissions(apps, groups, using=using)


def delete_groups(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    group_model.objects.using(schema_editor.connection.alias).filter(
        name__in=[EDITORS, VIEWERS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sources", "0001_initial"),
        ("mechanisms", "0002_region_matrix_columns_meeting_host_report"),
        ("gcm", "0002_paragraph_roman_subitem"),
        ("surveys", "0002_kinds_ranks_figure_principle"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
