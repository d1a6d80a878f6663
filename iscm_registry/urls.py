from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from core.i18n import switch_language
from core.views_dump import dump
from ops.limits import limit_dump
from ops.tokens import obtain_expiring_auth_token
from ops.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # The bulk dump is a plain download, not a REST resource: before the API's routes;
    # DUMP_RATE per client address (ops.limits).
    path("api/v1/dump/", limit_dump(dump), name="api-dump"),
    # Username + password -> expiring API token (ops.tokens); failed attempts count to lockout.
    path("api/v1/auth/token/", obtain_expiring_auth_token, name="api-token"),
    # REST API v1, schema and docs: the router lives in iscm_registry/api.py.
    path("api/", include("iscm_registry.api")),
    # The language switcher: remembers the choice and goes to the same page in it (core.i18n).
    path("language/<str:code>/", switch_language, name="switch-language"),
]

# Public pages in English at their paths, and under /fr/ and /es/ (core.i18n).
urlpatterns += i18n_patterns(
    # Each app's urls.py spells out its full paths, e.g. /regions/ in mechanisms.
    path("", include("core.urls")),
    path("", include("secretariats.urls")),
    path("", include("mechanisms.urls")),
    path("", include("gcm.urls")),
    path("", include("surveys.urls")),
    path("", include("sources.urls")),
    path("", include("countries.urls")),
    path("", include("events.urls")),
    path("", include("statements.urls")),
    path("", include("search.urls")),
    prefix_default_language=False,
)

# A database outage raised outside a view still answers 503, not the generic 500 page.
handler500 = "ops.views.server_error"
# Under /api/ an unknown path answers JSON like every other API error.
handler404 = "ops.views.not_found"
