from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the registry in production: health, outages, logins, tokens, backups."""

    name = "ops"
    verbose_name = "Operations"
