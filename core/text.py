"""Text folding shared by sorting and search: lower case without accents."""

import unicodedata

from django.db.models import Func, TextField


def fold(value):
    """Lower case without accents: "Diálogo" -> "dialogo". None stays None (SQL NULL)."""
    if value is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(value))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Fold(Func):
    """``fold`` in SQL: ``unaccent(lower(x))`` on PostgreSQL, the registered ``iscm_fold``
    on SQLite (core.apps). Sorts "Abu Dhabi Dialogue" before "AFML" and "Élan" with "E"."""

    output_field = TextField()
    arity = 1

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="iscm_fold", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="unaccent(lower(%(expressions)s::text))", **extra
        )


class IndexedFold(Fold):
    """``Fold`` through ``iscm_fold()``, which the search migration (0001) declares
    IMMUTABLE on PostgreSQL (``unaccent`` itself is only STABLE), so the GIN expression
    indexes over it (trigram on titles and wordings) can serve a query."""

    def as_postgresql(self, compiler, connection, **extra):
        return Func.as_sql(
            self, compiler, connection, template="iscm_fold(%(expressions)s::text)", **extra
        )


def register_sqlite_fold(sender, connection, **kwargs):
    """SQLite has no unaccent: give it the same folding Python applies to queries."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("iscm_fold", 1, fold, deterministic=True)
