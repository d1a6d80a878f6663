from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GcmConfig(AppConfig):
    name = "gcm"
    # The breadcrumb and the admin index read "GCM", not "Gcm".
    verbose_name = _("GCM")
