from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Registry core")

    def ready(self):
        from core.api import schema  # noqa: F401  (registers the OpenAPI extensions)
        from core.groups import sync_group_permissions
        from core.text import register_sqlite_fold

        post_migrate.connect(sync_group_permissions, sender=self)

        # Every write moves the data version the response cache is keyed by (core.cache).
        from core import cache

        connection_created.connect(cache.install_wrapper, dispatch_uid="core.cache.wrapper")
        pre_migrate.connect(cache.suspend_during_migrate, dispatch_uid="core.cache.suspend")
        post_migrate.connect(cache.resume_after_migrate, dispatch_uid="core.cache.resume")
        connection_created.connect(register_sqlite_fold, dispatch_uid="iscm-fold")
        name_link_tables()


def _link_str(field):
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()

    def __str__(self):
        return f"{getattr(self, source)} — {getattr(self, target)}"

    return __str__


def name_link_tables():
    """Many-to-many link rows read as "Test Process — Africa", not "Mechanism_regions object (60)".

    Django's auto-created link models show up in delete summaries and history; give each
    a readable ``__str__`` and a verbose name ("mechanism–region link").
    """
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if not through._meta.auto_created:
                continue
            through.__str__ = _link_str(field)
            names = {
                "model": model._meta.verbose_name,
                "target": field.related_model._meta.verbose_name,
            }
            through._meta.verbose_name = format_lazy(_("{model}–{target} link"), **names)
            through._meta.verbose_name_plural = format_lazy(_("{model}–{target} links"), **names)
