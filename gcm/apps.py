from django.apps import AppConfig


class GcmConfig(AppConfig):
    name = "gcm"
    # The breadcrumb and the admin index read "GCM", not "Gcm".
    verbose_name = "GCM"
