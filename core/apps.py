from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        from core.api import schema  # noqa: F401  (registers the OpenAPI extensions)
        from core.groups import sync_group_permissions

        post_migrate.connect(sync_group_permissions, sender=self)

        # Every write moves the data version the response cache is keyed by (core.cache).
        from core import cache

        connection_created.connect(cache.install_wrapper, dispatch_uid="core.cache.wrapper")
        pre_migrate.connect(cache.suspend_during_migrate, dispatch_uid="core.cache.suspend")
        post_migrate.connect(cache.resume_after_migrate, dispatch_uid="core.cache.resume")
