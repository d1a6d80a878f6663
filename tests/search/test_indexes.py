"""The search's GIN indexes (search/migrations/0001, the document's moved onto the stored
column by 0002) serve each growing kind's query, and the migrations apply backward and
forward (PostgreSQL; on SQLite they do nothing)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count, Window

from search.engine import KINDS, kinds, ranked, search_kind

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="GIN indexes: PostgreSQL only"
)

INDEXED = {
    "mechanism": ["search_mechanism_doc", "search_mechanism_trgm", "search_mechname_doc"],
    "reference": ["search_reference_doc", "search_reference_trgm"],
    "answer": ["search_answer_doc"],
}


def plan(kind_key, query):
    kinds()
    queryset = ranked(KINDS[kind_key], query).annotate(search_total=Window(Count("pk")))
    with connection.cursor() as cursor:
        # The tables are small in tests: make the planner show which index it can use
        # (without plain index scans too: the first matches by id would walk the primary key).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        return queryset.values_list("pk")[:5].explain()


@postgres_only
# Answers are reached through their responses on a table this small; at scale the planner
# takes the answer index (bench: "migrants" at scale 1).
@pytest.mark.parametrize("kind_key", ["mechanism", "reference"])
def test_each_growing_kind_is_searched_through_its_indexes(kind_key):
    # "procss": a typo, so the trigram condition is in the query too.
    found = plan(kind_key, "migration procss")
    for index in INDEXED[kind_key]:
        assert index in found, f"{kind_key}: {index} not used\n{found}"
    assert f"Seq Scan on {KINDS[kind_key].queryset().model._meta.db_table}" not in found


def _indexes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'search\\_%'")
        return {row[0] for row in cursor.fetchall()}


@postgres_only
def test_the_migration_applies_backward_and_forward(seeded_transactional_db):
    # Seeded: an earlier transactional test's flush may have emptied the database, and the
    # seeded rows are what the forward migration must fill the documents of.
    executor = MigrationExecutor(connection)
    # Every app's leaf: going back from search's 0001 also unapplies what depends on its
    # iscm_fold() (mechanisms' 0005 index), which must come back too.
    leaf = executor.loader.graph.leaf_nodes()
    assert "search_reference_doc" in _indexes()
    assert _stored_columns() == STORED_TABLES
    try:
        # Back to 0001: the columns, triggers and functions gone, the expression index back.
        executor.migrate([("search", "0001_search_indexes")])
        assert _stored_columns() == set()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_reference_doc'"
            )
            assert "to_tsvector" in cursor.fetchone()[0]
            cursor.execute("SELECT 1 FROM pg_trigger WHERE tgname = 'search_document'")
            assert cursor.fetchone() is None
            cursor.execute("SELECT 1 FROM pg_proc WHERE proname LIKE '%search_document'")
            assert cursor.fetchone() is None
        executor = MigrationExecutor(connection)
        executor.migrate([("search", None)])
        assert _indexes() == set()
        executor.loader.build_graph()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_proc WHERE proname = 'iscm_fold'")
            assert cursor.fetchone() is None
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(leaf)
    assert {i for names in INDEXED.values() for i in names} <= _indexes()
    assert _stored_columns() == STORED_TABLES
    # Filled for the rows already there, and kept by the trigger for new ones.
    from mechanisms.models import Mechanism

    Mechanism.objects.create(slug="after-migrate", name="Tamarisk Forum", kind="rcp")
    kinds()
    assert [h.obj.slug for h in search_kind(KINDS["mechanism"], "tamarisk").hits] == [
        "after-migrate"
    ]
    assert search_kind(KINDS["mechanism"], "Budapest Process").hits


STORED_TABLES = {
    "mechanisms_mechanism",
    "mechanisms_mechanismname",
    "gcm_reference",
    "surveys_answer",
}


def _stored_columns():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.columns "
            "WHERE column_name = 'search_document'"
        )
        return {row[0] for row in cursor.fetchall()}


def test_a_search_finds_names_typos_and_former_names():
    """Names found through the indexed document, a typo through the trigram condition, a
    mechanism through its former name (the ANY(ARRAY(...)) condition on PostgreSQL)."""
    from mechanisms.models import Mechanism, MechanismName

    mechanism = Mechanism.objects.create(slug="zz-test", name="Quixotic Consultation")
    MechanismName.objects.create(mechanism=mechanism, name="Bellwether Dialogue", kind="former")
    kinds()
    kind = KINDS["mechanism"]
    assert [h.obj for h in search_kind(kind, "quixotic").hits] == [mechanism]
    assert [h.obj for h in search_kind(kind, "bellwether").hits] == [mechanism]
    if connection.vendor == "postgresql":
        assert mechanism in [h.obj for h in search_kind(kind, "quixotc consultation").hits]
