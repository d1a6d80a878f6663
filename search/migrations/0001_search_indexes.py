"""GIN indexes for the site search on the tables that grow (PostgreSQL; nothing elsewhere).

At scale 1 (10,000 mechanisms, 100,000 references, 50,000 answers) a search read and
folded every row of every kind: about 8 s per query. Here, per kind that grows:

- a GIN index on the weighted ``tsvector`` the search matches (``search.engine.search_vector``
  over ``iscm_fold()``), so ``@@`` is an index lookup;
- a trigram GIN index on the folded title field, so the typo-forgiving ``%>`` is too.

An expression index needs IMMUTABLE functions and ``unaccent`` is only STABLE: ``iscm_fold``
wraps it with the dictionary named, as PostgreSQL's documentation of unaccent suggests
(the same name SQLite registers in Python, core.apps). The fields must stay those of
``search/kinds.py``; tests/search/test_indexes.py checks on PostgreSQL that each kind's
query uses its indexes.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations
from search.engine import search_vector

# (app, model, fields of the kind as in search/kinds.py, index name prefix)
INDEXED = [
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
        "search_mechanism",
    ),
    (
        "mechanisms",
        "MechanismName",
        (("name", "A"), ("acronym", "A"), ("note", "C")),
        "search_mechname",
    ),
    (
        "gcm",
        "Reference",
        (("wording", "A"), ("heading", "B"), ("quote", "C"), ("note", "D")),
        "search_reference",
    ),
    ("surveys", "Answer", (("text", "B"), ("statement", "B")), "search_answer"),
]

FOLD = """
CREATE OR REPLACE FUNCTION iscm_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, lower($1)) $$
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FOLD)
    quote = schema_editor.quote_name
    for app, name, fields, prefix in INDEXED:
        model = apps.get_model(app, name)
        schema_editor.add_index(model, GinIndex(search_vector(fields), name=f"{prefix}_doc"))
        column = model._meta.get_field(fields[0][0]).column
        schema_editor.execute(
            f"CREATE INDEX {quote(prefix + '_trgm')} ON {quote(model._meta.db_table)} "
            f"USING gin ((iscm_fold({quote(column)}::text)) gin_trgm_ops)"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for _app, _name, _fields, prefix in INDEXED:
        for suffix in ("_doc", "_trgm"):
            schema_editor.execute(f"DROP INDEX IF EXISTS {quote(prefix + suffix)}")
    schema_editor.execute("DROP FUNCTION IF EXISTS iscm_fold(text)")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_merge_0002_dataversion_0002_text_extensions"),
        ("mechanisms", "0003_ordering_by_fk_id"),
        ("gcm", "0007_merge_20261201_1213"),
        ("surveys", "0006_question_personal_data"),
    ]

    operations = [migrations.RunPython(forward, backward)]
