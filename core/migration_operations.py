"""Migration operations of our own."""

from django.db import migrations


class AlterLabels(migrations.AlterField):
    """An ``AlterField`` that changes only what the database never sees: a field's label
    (``verbose_name``) or help text (tests/core/test_migration_operations.py holds it to that).

    Django's ``AlterField`` re-renders the model and every model related to it after each
    such change, although nothing in a migration reads a label: the label migrations of
    issue 12 (about 550 fields) added some 90 seconds to every ``migrate`` on an empty
    database. Here the migration state takes the new field and the rendered models are left
    as they are (a later operation that needs them re-rendered does so from this state), and
    there is no schema step.
    """

    def state_forwards(self, app_label, state):
        model_key = app_label, self.model_name_lower
        fields = state.models[model_key].fields
        old_field = fields.pop(self.name)
        if state._relations is not None and old_field.is_relation:
            state.resolve_model_field_relations(model_key, self.name, old_field)
        fields[self.name] = self.field
        if state._relations is not None and self.field.is_relation:
            state.resolve_model_field_relations(model_key, self.name, self.field)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self):
        return f"Alter the label or help text of {self.name} on {self.model_name}"
