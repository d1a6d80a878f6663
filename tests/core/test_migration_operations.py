"""``AlterLabels`` skips the schema step, so it must only ever change what the database never
sees: a field's ``verbose_name`` or ``help_text``. A real change written with it would leave
the database behind the models."""

from django.db.migrations.loader import MigrationLoader

from core.migration_operations import AlterLabels

LABELS = {"verbose_name", "help_text"}


def label_operations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for key, migration in loader.disk_migrations.items():
        for operation in migration.operations:
            if isinstance(operation, AlterLabels):
                yield loader, key, operation


def test_alter_labels_changes_nothing_but_labels():
    seen = 0
    for loader, (app, name), operation in label_operations():
        before = loader.project_state((app, name), at_end=False)
        old = before.models[app, operation.model_name].fields[operation.name]
        _, _, _, old_kwargs = old.deconstruct()
        _, path, _, new_kwargs = operation.field.deconstruct()
        assert path == old.deconstruct()[1], (app, name, operation.name)
        strip = lambda kwargs: {k: v for k, v in kwargs.items() if k not in LABELS}  # noqa: E731
        assert strip(new_kwargs) == strip(old_kwargs), (app, name, operation.name)
        seen += 1
    assert seen > 100  # the label migrations of issue 12 use it
