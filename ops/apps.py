from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the registry in production: health, outages, logins, tokens, backups."""

    name = "ops"
    verbose_name = "Operations"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
