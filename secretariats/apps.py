from django.apps import AppConfig


class SecretariatsConfig(AppConfig):
    name = "secretariats"
    verbose_name = "Secretariat accounts"
