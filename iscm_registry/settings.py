"""Settings for the ISCM Registry, read from the environment.

SQLite file by default; PostgreSQL when ``DATABASE_URL`` says so. ``DEBUG`` is off unless
asked for, and a production run must provide its own ``SECRET_KEY``.
"""

import importlib.util
import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- Core ------------------------------------------------------------------------------
DEBUG = env_bool("DEBUG", False)

TESTING = "pytest" in sys.modules

# A development key is only acceptable with DEBUG on or under the test runner; anywhere
# else a missing SECRET_KEY is a configuration error, not a silent default.
_DEV_SECRET_KEY = "dev-only-insecure-key-not-for-production"  # noqa: S105
# Commands that only compare models with migration files sign nothing and serve nothing,
# so they run without a key (e.g. `manage.py makemigrations --check` in a pre-commit hook).
_KEYLESS_COMMANDS = {"makemigrations", "showmigrations", "sqlmigrate"}
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING or sys.argv[1:2] and sys.argv[1] in _KEYLESS_COMMANDS:
        SECRET_KEY = _DEV_SECRET_KEY
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # third party
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "import_export",
    "csp",
    "axes",
    "django_countries",  # its locale files: States' French and Spanish names
    # ours
    "core",
    "sources",
    "mechanisms",
    "gcm",
    "surveys",
    "countries",
    "events",
    "statements",
    "process",
    "secretariats",
    "ops",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Login and token attempts per client address, before sessions, queries or hashing.
    "ops.limits.LoginRateLimitMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous GETs from the cache under the data version; ETag/304 on every GET (core.cache).
    "core.cache.ResponseCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Language from the path (pages), ?lang / Accept-Language (API), first-visit redirect.
    "core.i18n.RegistryLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records request.user on every history row written during a request.
    "simple_history.middleware.HistoryRequestMiddleware",
    # A database outage in a view answers 503 (HTML, or JSON under /api/), not a traceback.
    "ops.outage.DatabaseOutageMiddleware",
    # Last, as django-axes requires: turns a lockout into its 429 answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "iscm_registry.urls"
WSGI_APPLICATION = "iscm_registry.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------
# Persistent connections by default (a connection per request roughly halves throughput),
# checked before reuse so a restarted database costs one failed check, not a failed request.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=env_bool("CONN_HEALTH_CHECKS", True),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A database that accepts connections but never answers must not hold a worker until
# gunicorn kills it: connecting gives up after DB_CONNECT_TIMEOUT seconds and a statement
# after DB_STATEMENT_TIMEOUT_MS (0: none, e.g. for a long maintenance command; none by
# default under the test runner, which creates and drops whole databases); either is an
# OperationalError, which answers 503 (ops.outage).
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    _db_options.setdefault("connect_timeout", int(os.environ.get("DB_CONNECT_TIMEOUT", "3")))
    _statement_ms = int(os.environ.get("DB_STATEMENT_TIMEOUT_MS", "0" if TESTING else "20000"))
    if _statement_ms:
        _db_options["options"] = (
            f"{_db_options.get('options', '')} -c statement_timeout={_statement_ms}".strip()
        )

# --- Auth ------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A plain log-in page (secretariats answer questionnaires without staff status).
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "surveys:mine"

# --- Mail (survey invitations and reminders) ---------------------------------------------
# Printed to the console unless EMAIL_HOST names an SMTP server.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ISCM Registry <noreply@localhost>")
# Links in e-mails are absolute: the registry's public address.
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000")

# --- I18N ------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
# English is the notes' language and the default (unprefixed URLs); French and Spanish pages
# live under /fr/ and /es/ (core.i18n). Catalogues in locale/, compiled .mo files committed
# (manage.py compile_catalogues rebuilds them; tests/i18n checks they are complete and current).
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files ----------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            # Tests render templates without a collectstatic manifest.
            if DEBUG or TESTING or env_bool("ISCM_PLAIN_STATIC")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Security --------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
if env_bool("USE_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
# Both only take effect once SECURE_HSTS_SECONDS > 0; on by default there so that
# `check --deploy` is clean, and switchable off for a domain whose subdomains are not all HTTPS.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Production hardening --------------------------------------------------------------
# Behind a proxy that sets X-Forwarded-Host (USE_X_FORWARDED_HOST=1) Django builds absolute
# URLs from it; only enable it when the proxy overwrites that header.
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
# Editors' sessions end after a working day rather than Django's two weeks.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(12 * 60 * 60)))
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Load balancers probe the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Every request is one transaction: a write that fails half-way leaves no partial rows.
DATABASES["default"]["ATOMIC_REQUESTS"] = True

# Failed logins (admin form, API token endpoint) are counted per username and client IP;
# after AXES_FAILURE_LIMIT of them that pair is locked out for AXES_COOLOFF_MINUTES (429).
AUTHENTICATION_BACKENDS = [
    "ops.logins.LoginAttemptsBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ops.logins.lockout_response"
# The client's address (ops.limits.client_ip): REMOTE_ADDR, or behind PROXY_COUNT trusted
# proxies the Nth entry from the right of X-Forwarded-For. Axes, the API's throttles and the
# login limiter all count per this address.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "ops.limits.axes_client_ip"
# Login/token attempts per client address (any username), refused with 429 before hashing.
LOGIN_RATE = os.environ.get("LOGIN_RATE", "5/minute,30/hour")
DUMP_RATE = os.environ.get("DUMP_RATE", "30/hour")

# API tokens stop working this many days after they were issued (ops.tokens).
API_TOKEN_TTL_DAYS = int(os.environ.get("API_TOKEN_TTL_DAYS", "90"))


def caches_from_url(url: str) -> dict:
    """CACHES from CACHE_URL: redis:// (or rediss://) is Django's RedisCache when the redis
    package is installed (`pip install '.[redis]'`); anything else is a per-process cache.
    ops.checks warns when a Redis URL could not be honoured."""
    if url.startswith(("redis://", "rediss://")) and importlib.util.find_spec("redis"):
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "iscm",
            }
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }


# One cache shared by every worker and machine (throttling, login sessions) when CACHE_URL
# names Redis; sessions then live in the cache and are written through to the database.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = caches_from_url(CACHE_URL)
# Anonymous GETs served from that cache under the data version (core.cache); RESPONSE_CACHE=0
# turns it off (the benchmark's cold runs).
RESPONSE_CACHE = env_bool("RESPONSE_CACHE", True)
# Where the bulk dump of each data version is kept (core.views_dump); default: the temp dir.
DUMP_DIR = os.environ.get("DUMP_DIR", "")
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

if TESTING:
    # Tests log in hundreds of times; the production hasher's cost is not what they test.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Content-Security-Policy on every response (pages, admin, API, docs): only our own origin;
# inline code only with the per-response nonce (templates use {{ request.csp_nonce }}).
# Browser-tested against the admin, the import/export pages and Swagger UI.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        # Swagger UI's and the admin's icons are data: URIs in their own style sheets.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    },
}

# --- REST framework --------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: DRF answers failed authentication with the first class's challenge,
        # so a missing, expired or revoked token is a 401 (WWW-Authenticate: Token), not 403.
        "ops.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly",
    ],
    # Refuses unknown parameters and bad slugs/choices with 400 (never an unfiltered list).
    "DEFAULT_FILTER_BACKENDS": ["core.api.filters.StrictFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.RegistryPagination",
    # Bodies are JSON: form encodings cannot tell null, numbers or booleans from strings.
    "DEFAULT_PARSER_CLASSES": ["core.api.parsers.RegistryJSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "core.api.negotiation.RegistryContentNegotiation",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "core.api.renderers.CSVRenderer",
    ],
    "EXCEPTION_HANDLER": "core.api.exceptions.registry_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "ops.limits.AnonThrottle",
        "ops.limits.UserThrottle",
    ],
    "NUM_PROXIES": PROXY_COUNT,
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "2000/hour"),
        "user": os.environ.get("API_THROTTLE_USER", "10000/hour"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ISCM Registry API",
    "DESCRIPTION": "Inter-State consultation mechanisms on migration and the Global Compact.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Request bodies get their own components: they list the keys a relation accepts
    # (core.api.schema), which responses must not be held to.
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "kind", "status" or "group": name each choice set after its model.
    "ENUM_NAME_OVERRIDES": {
        "MechanismKindEnum": "mechanisms.models.MechanismKind",
        "MechanismStatusEnum": "mechanisms.models.MechanismStatus",
        "MechanismNameKindEnum": "mechanisms.models.MechanismNameKind",
        "OrganizationKindEnum": "mechanisms.models.OrganizationKind",
        "DocumentKindEnum": "sources.models.DocumentKind",
        "ReferenceGroupEnum": "gcm.models.ReferenceGroup",
        "StakeholderEngagementGroupEnum": "gcm.models.StakeholderEngagementGroup",
        "QuestionKindEnum": "surveys.models.QuestionKind",
        "ResponseStatusEnum": "surveys.models.ResponseStatus",
        "EventKindEnum": "events.models.EventKind",
        "EventDocumentKindEnum": "events.models.EventDocumentKind",
        "PublicRoleKindEnum": "events.models.PublicRoleKind",
        "StatementKindEnum": "statements.models.StatementKind",
        "MembershipRoleEnum": "countries.models.MembershipRole",
        "ProcessStageEnum": "process.models.ProcessStage",
    },
}

# The fuzz's schema variant: relation keys as enums (core.api.schema); never in production.
SCHEMA_EXISTING_KEYS = os.environ.get("ISCM_SCHEMA_EXISTING_KEYS") == "1"

# Error answers (400/401/403/404/409/429/503), anonymous reads, CSV as text and the dump in
# the schema (ops.openapi).
SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"] = [
    "drf_spectacular.hooks.postprocess_schema_enums",
    "ops.openapi.document_error_responses",
    "core.api.schema.describe_request_text",
    "core.api.schema.inline_existing_keys",
    # If-Match/412 on writes of a record, ETag on reads (core.api.versions).
    "core.api.versions.document_versions",
    # ?lang=en|fr|es on every operation (core.i18n).
    "core.api.schema.document_language",
]

# --- History and import/export ---------------------------------------------------------
SIMPLE_HISTORY_REVERT_DISABLED = False
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# --- Logging ---------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
