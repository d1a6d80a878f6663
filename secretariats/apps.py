from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecretariatsConfig(AppConfig):
    name = "secretariats"
    verbose_name = _("Secretariat accounts")
