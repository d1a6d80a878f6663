from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        from core.api import schema  # noqa: F401  (registers the OpenAPI extensions)
        from core.groups import sync_group_permissions

        post_migrate.connect(sync_group_permissions, sender=self)
