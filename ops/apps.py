from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the registry in production: health, outages, logins, tokens, backups."""

    name = "ops"
    verbose_name = _("Operations")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
