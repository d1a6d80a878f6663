"""A copy of the seeded test database, taken once per run and put back in about a second.

Tests that need real commits (``transactional_db``, ``live_server``) empty the database
when they finish, so each one that needs the notes' data used to run ``seed()`` again:
15 seeds of about 17 s each, per database, were a third of CI's time. Instead the seeded
database is copied once, at the level of the database itself: SQLite's backup API (the
test database lives in memory), PostgreSQL's ``COPY`` per table; a restore puts every
row back with the same keys, the content types and permissions included (the flush after a
transactional test made those anew under other ids).
"""

from __future__ import annotations

import io
import sqlite3

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction

from core.cache import bump


class Snapshot:
    def __init__(self):
        self._sqlite: sqlite3.Connection | None = None
        # table -> (its columns, named: a migration test may drop and re-add one, which
        # moves it to the end of the table; the rows)
        self._tables: dict[str, tuple[str, bytes]] = {}

    @property
    def taken(self) -> bool:
        return self._sqlite is not None or bool(self._tables)

    def take(self) -> None:
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self._sqlite = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self._sqlite)
        elif connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for table in self._table_names():
                    described = connection.introspection.get_table_description(cursor, table)
                    columns = ", ".join(f'"{column.name}"' for column in described)
                    buffer = io.BytesIO()
                    cursor.cursor.copy_expert(f'COPY "{table}" ({columns}) TO STDOUT', buffer)
                    self._tables[table] = (columns, buffer.getvalue())
        else:  # pragma: no cover - the project runs on these two
            raise NotImplementedError(connection.vendor)

    def restore(self) -> None:
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self._sqlite.backup(connection.connection)
        else:
            tables = list(self._tables)
            # One transaction, triggers off (the data version's, and the foreign keys': the
            # rows are a consistent copy, put back in any order). Tests run as a superuser.
            # The DB-API cursor: Django's would move the data version on the TRUNCATE, in
            # the middle of the copy (it is moved once, below).
            with transaction.atomic():
                cursor = connection.connection.cursor()
                cursor.execute("SET LOCAL session_replication_role = replica")
                cursor.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables))
                for table in tables:
                    columns, rows = self._tables[table]
                    cursor.copy_expert(f'COPY "{table}" ({columns}) FROM STDIN', io.BytesIO(rows))
                # Sequences past the restored keys, whatever a flush did to them.
                models = apps.get_models(include_auto_created=True)
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
                cursor.close()
        # Content types are cached per process by id; the restored ones have the old ids.
        ContentType.objects.clear_cache()
        bump()  # a new state of the data: no answer cached before it may be served

    @staticmethod
    def _table_names() -> list[str]:
        return sorted(connection.introspection.django_table_names(only_existing=True))


seeded = Snapshot()
