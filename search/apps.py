from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _register_sqlite_fold(sender, connection, **kwargs):
    """SQLite has no unaccent: give it the same folding the search applies to the query."""
    if connection.vendor == "sqlite":
        from search.text import fold

        connection.connection.create_function("iscm_fold", 1, fold, deterministic=True)


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        connection_created.connect(_register_sqlite_fold, dispatch_uid="iscm-search-fold")
