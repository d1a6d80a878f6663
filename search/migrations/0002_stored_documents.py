"""A stored search document on each table that grows, kept by the database (PostgreSQL only).

At scale 1 a common word ("dialogue": 89,826 of 100,000 references) took about 21 s: the
GIN index of 0001 found the rows in 14 ms, but the rank and the recheck recomputed the
document (``unaccent`` and ``to_tsvector`` of every searched field) for every matching row,
twice. Here each of those tables gets a ``search_document`` tsvector column, the same
weighted document ``search.engine.search_vector`` spells, written by a ``BEFORE INSERT OR
UPDATE`` trigger so every write keeps it current, whichever way it comes (admin, API,
seed, ``bulk_create``, ``QuerySet.update``, loaddata, raw SQL). The GIN index moves from the
expression to the column (same name), and the search reads the column.

Why a trigger rather than a generated column: PostgreSQL refuses ``ALTER COLUMN ... TYPE``
on a column a generated column reads (a longer ``max_length`` would need this migration
undone and redone), and Django drops a column ``CASCADE``, which would drop a generated
document silently. A trigger lets both through; renaming or removing a searched field
makes every write of that table fail at once, so a test notices.

The column is not a model field: Django never selects or writes it. ``SearchKind.document``
(``search/kinds.py``) names it; the fields below must stay the kinds' fields, which
tests/search/test_stored.py checks row by row. On SQLite this migration does nothing.
"""

from django.db import migrations

COLUMN = "search_document"

# (app, model, the kind's fields as in search/kinds.py, 0001's index name)
STORED = [
    (
        "mechanisms",
        "Mechanism",
        (
            ("name", "A"),
            ("acronym", "A"),
            ("region_label", "B"),
            ("secretariat", "B"),
            ("description", "C"),
        ),
        "search_mechanism_doc",
    ),
    (
        "mechanisms",
        "MechanismName",
        (("name", "A"), ("acronym", "A"), ("note", "C")),
        "search_mechname_doc",
    ),
    (
        "gcm",
        "Reference",
        (("wording", "A"), ("heading", "B"), ("quote", "C"), ("note", "D")),
        "search_reference_doc",
    ),
    ("surveys", "Answer", (("text", "B"), ("statement", "B")), "search_answer_doc"),
]


def document_sql(quote, columns, row=""):
    """The weighted document over ``columns`` ((column, weight)), as ``search_vector``'s
    ``SearchVector`` compiles it; ``row`` is ``NEW.`` inside the trigger."""
    return " || ".join(
        f"setweight(to_tsvector('english'::regconfig, "
        f"COALESCE(iscm_fold({row}{quote(column)}::text), '')), '{weight}')"
        for column, weight in columns
    )


def _tables(apps, schema_editor):
    quote = schema_editor.quote_name
    for app, name, fields, index in STORED:
        model = apps.get_model(app, name)
        columns = [(model._meta.get_field(f).column, w) for f, w in fields]
        yield quote, model._meta.db_table, columns, index


def _expression_index(model_fields, index):
    from django.contrib.postgres.indexes import GinIndex

    from search.engine import search_vector

    return GinIndex(search_vector(model_fields), name=index)


def _no_timeout(schema_editor):
    # Filling a column or building an index reads every row: at scale 1 longer than the
    # statement timeout the settings give a web request. For this transaction only.
    schema_editor.execute("SET LOCAL statement_timeout = 0")


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _no_timeout(schema_editor)
    for quote, table, columns, index in _tables(apps, schema_editor):
        function = quote(f"{table}_{COLUMN}")
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(index)}")
        schema_editor.execute(f"ALTER TABLE {quote(table)} ADD COLUMN {COLUMN} tsvector")
        schema_editor.execute(
            f"UPDATE {quote(table)} SET {COLUMN} = {document_sql(quote, columns)}"
        )
        schema_editor.execute(f"ALTER TABLE {quote(table)} ALTER COLUMN {COLUMN} SET NOT NULL")
        schema_editor.execute(
            f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN NEW.{COLUMN} := {document_sql(quote, columns, row='NEW.')}; "
            "RETURN NEW; END $$"
        )
        # UPDATE OF: a write that sets none of the searched columns keeps the document.
        schema_editor.execute(
            f"CREATE TRIGGER {COLUMN} BEFORE INSERT OR UPDATE OF "
            f"{', '.join(quote(c) for c, _ in columns)} ON {quote(table)} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
        schema_editor.execute(
            f"CREATE INDEX {quote(index)} ON {quote(table)} USING gin ({COLUMN})"
        )
        schema_editor.execute(f"ANALYZE {quote(table)}")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _no_timeout(schema_editor)
    for (app, name, fields, _), (quote, table, _columns, index) in zip(
        STORED, _tables(apps, schema_editor), strict=True
    ):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {COLUMN} ON {quote(table)}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {quote(f'{table}_{COLUMN}')}()")
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(index)}")
        schema_editor.execute(f"ALTER TABLE {quote(table)} DROP COLUMN IF EXISTS {COLUMN}")
        # 0001's index over the expression, as it was.
        schema_editor.add_index(apps.get_model(app, name), _expression_index(fields, index))


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_indexes")]

    operations = [migrations.RunPython(forward, backward)]
