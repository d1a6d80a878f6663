"""The directory's default order is served by an index on PostgreSQL (mechanisms' 0006):
its first page is read in order instead of folding and sorting every mechanism; the
migration applies backward and forward. On SQLite the migration does nothing."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from mechanisms.directory import filter_mechanisms

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="expression index: PostgreSQL only"
)
INDEX = "mechanisms_mechanism_name_fold"


def _plan(filters):
    with connection.cursor() as cursor:
        # The table is small in tests: make the planner show whether the index can serve.
        cursor.execute("SET LOCAL enable_seqscan = off")
    return filter_mechanisms(filters)[:50].explain()


def _index_exists() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [INDEX])
        return cursor.fetchone() is not None


@postgres_only
@pytest.mark.parametrize("sort", ["", "-name"])
def test_the_directory_reads_names_in_order_through_the_index(sort):
    plan = _plan({"sort": sort} if sort else {})
    assert INDEX in plan, plan
    assert "Sort Key" not in plan.split(INDEX)[0], plan


@postgres_only
def test_the_migration_applies_backward_and_forward(seeded_transactional_db):
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    assert _index_exists()
    try:
        executor.migrate([("mechanisms", "0005_translatable_labels")])
        assert not _index_exists()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(leaves)
    assert _index_exists()
