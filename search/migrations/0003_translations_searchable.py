"""Editors' French and Spanish names and descriptions join the mechanisms' stored search
document (PostgreSQL only), so "Processus de Budapest" finds the Budapest Process.

0002's trigger function and its ``UPDATE OF`` column list are replaced by ones over the
longer field list, and every row's document is written again. The kinds without a stored
document (objectives, regions, organisations, events, published figures) only needed their
``fields`` in search/kinds.py. Backward restores 0002's document.
"""

import importlib

from django.db import migrations

STORED_0002 = importlib.import_module("search.migrations.0002_stored_documents")
COLUMN = STORED_0002.COLUMN

MECHANISM_BEFORE = next(fields for _, name, fields, _ in STORED_0002.STORED if name == "Mechanism")
MECHANISM_FIELDS = (
    ("name", "A"),
    ("acronym", "A"),
    ("region_label", "B"),
    ("secretariat", "B"),
    ("description", "C"),
    ("name_fr", "A"),
    ("name_es", "A"),
    ("description_fr", "C"),
    ("description_es", "C"),
)

# The stored documents as they are after this migration (tests/search/test_stored.py).
STORED = [
    (app, name, MECHANISM_FIELDS if name == "Mechanism" else fields, index)
    for app, name, fields, index in STORED_0002.STORED
]


def _rewrite(fields):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        model = apps.get_model("mechanisms", "Mechanism")
        table = model._meta.db_table
        columns = [(model._meta.get_field(f).column, w) for f, w in fields]
        function = quote(f"{table}_{COLUMN}")
        schema_editor.execute("SET LOCAL statement_timeout = 0")  # every row is rewritten
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN NEW.{COLUMN} := {STORED_0002.document_sql(quote, columns, row='NEW.')}; "
            "RETURN NEW; END $$"
        )
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {COLUMN} ON {quote(table)}")
        schema_editor.execute(
            f"CREATE TRIGGER {COLUMN} BEFORE INSERT OR UPDATE OF "
            f"{', '.join(quote(c) for c, _ in columns)} ON {quote(table)} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
        schema_editor.execute(
            f"UPDATE {quote(table)} SET {COLUMN} = {STORED_0002.document_sql(quote, columns)}"
        )

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_stored_documents"),
        ("mechanisms", "0004_content_translations"),
    ]

    operations = [migrations.RunPython(_rewrite(MECHANISM_FIELDS), _rewrite(MECHANISM_BEFORE))]
