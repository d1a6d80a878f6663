"""An index serving the directory's default order (PostgreSQL; nothing elsewhere).

The directory sorts by the folded name, then the slug (mechanisms.directory.SORTS). With
``unaccent(lower(name))`` no index can serve that order (``unaccent`` is only STABLE), so
every request folded and sorted every mechanism to show 50: at 2,000 mechanisms 5.3 ms of
SQL, growing with the table. Sorted by ``iscm_fold(name)`` (core.text.IndexedFold, the
IMMUTABLE wrapper that search's 0001 declares), the first page is an index scan: 0.6 ms.
The order is the same (the same dictionary, the same ties broken by slug).
"""

from django.db import migrations

INDEX = "mechanisms_mechanism_name_fold"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX {schema_editor.quote_name(INDEX)} ON mechanisms_mechanism "
        "(iscm_fold(name::text), slug)"
    )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(INDEX)}")


class Migration(migrations.Migration):
    dependencies = [
        ("mechanisms", "0005_translatable_labels"),
        # iscm_fold() is declared there.
        ("search", "0001_search_indexes"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
