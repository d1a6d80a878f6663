from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        from core.api import schema  # noqa: F401  (registers the OpenAPI extensions)
        from core.groups import sync_group_permissions
        from core.text import register_sqlite_fold

        post_migrate.connect(sync_group_permissions, sender=self)
        connection_created.connect(register_sqlite_fold, dispatch_uid="iscm-fold")
