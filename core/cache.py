"""Never rebuild what has not changed: one data version, and anonymous GETs cached under it.

**The data version** is the single row ``core_dataversion`` (``core.models.DataVersion``).
Every SQL statement that writes a table of the registry (``INSERT``, ``UPDATE``,
``DELETE``, ``TRUNCATE`` on anything but Django's, auth's, axes' and token tables) gives
it a new random token in the same transaction, through a database execute wrapper
installed on every connection. So every path that writes moves it, whatever it goes
through: the admin, the API, imports, reverts, seeding, questionnaires, management
commands, ``loaddata``/``load_dump``, ``bulk_create``, ``queryset.update()`` and raw SQL
on Django's cursor. A rolled-back write rolls its token back with it; the token is random,
so a later write never reuses it. ``migrate`` moves it too (``post_migrate``), so a
release that migrates never serves an older release's pages.

**The response cache** (``ResponseCacheMiddleware``) reads the version once per GET (one
primary-key query: every worker and machine sees the same row) and serves an anonymous GET
from the configured cache (``CACHES["default"]``: Redis with ``CACHE_URL``, else per
process) under a key of version, scheme, host, path and query, language and ``Accept``.
A write therefore shows on the very next request. Only requests without a session,
messages cookie or ``Authorization`` header are served or stored; only 200 answers that
set no cookie and did not say ``private``/``no-store``/``no-cache`` are stored; never the
admin, accounts, questionnaires, health check or token endpoint. A stored page's CSP nonce
is replaced by a fresh one on every answer.

**Conditional GETs** on every GET: an ``ETag`` (a hash of the body, the CSP nonce left
out; an ETag the view set is kept, e.g. a record's own for ``If-Match`` writes) and
``Last-Modified`` (when the data last changed), 304 for ``If-None-Match`` /
``If-Modified-Since``. ``Cache-Control``: ``public, no-cache`` for anonymous answers
(a browser or proxy revalidates each time, so never shows a stale page), ``private,
no-cache`` for a logged-in user, ``private, no-store`` on personal pages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import DatabaseError
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from core.i18n import cache_language

# --- The data version ------------------------------------------------------------------

VERSION_TABLE = "core_dataversion"
# Tables whose writes do not change what the registry shows: sessions, logins, tokens,
# permissions, migrations bookkeeping, the admin log (it accompanies a data write anyway).
_UNVERSIONED = ("django_", "auth_", "axes_", "authtoken_", VERSION_TABLE)
_WRITE = re.compile(
    r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|(TRUNCATE))\b\s*(?:TABLE\s+)?"
    r"[\"`]?(\w+)",
    re.IGNORECASE,
)
_BUMP = (
    "INSERT INTO core_dataversion (id, token, changed_at) VALUES (1, %s, %s) "
    "ON CONFLICT (id) DO UPDATE SET token = excluded.token, changed_at = excluded.changed_at"
)
_READ = "SELECT token, changed_at FROM core_dataversion WHERE id = 1"
_suspended = False  # while migrate runs (the table may not exist yet)


def _writes_data(sql: str) -> bool:
    head = sql[:16].lstrip()[:8].upper()
    if not head.startswith(("INSERT", "UPDATE", "DELETE", "TRUNCATE")):
        return False
    match = _WRITE.match(sql)
    if match is None:
        return True  # a write we cannot read the table of: move the version to be safe
    truncate, table = match.groups()
    return bool(truncate) or not table.lower().startswith(_UNVERSIONED)


def bump(using=None) -> None:
    """Give the data version a new token (in the current transaction, if any)."""
    from django.db import connections

    conn = connections[using or "default"]
    conn.ensure_connection()
    _bump_raw(conn)


def _bump_raw(conn) -> None:
    # A cursor of its own on the DB-API connection: the statement's cursor may still hold
    # rows (INSERT ... RETURNING), and the debug cursor would count this in the app's queries.
    now = conn.ops.adapt_datetimefield_value(timezone.now())
    sql = _BUMP.replace("%s", "?") if conn.vendor == "sqlite" else _BUMP
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql, [secrets.token_hex(8), now])
    finally:
        cursor.close()


def version_wrapper(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if not _suspended and isinstance(sql, str) and _writes_data(sql):
        _bump_raw(context["connection"])
    return result


def install_wrapper(sender, connection, **kwargs):
    """``connection_created``: every connection moves the version on its writes."""
    if version_wrapper not in connection.execute_wrappers:
        connection.execute_wrappers.append(version_wrapper)


def suspend_during_migrate(**kwargs):
    global _suspended
    _suspended = True


def resume_after_migrate(using="default", **kwargs):
    global _suspended
    if not _suspended:
        return
    _suspended = False
    from django.db import connections

    if VERSION_TABLE in connections[using].introspection.table_names():
        bump(using)


def current_version() -> tuple[str, dt.datetime] | None:
    """``(token, changed_at)`` of the data as committed now, or None (no row, no database).

    One primary-key read on the DB-API cursor: the hot path of every cached answer, so no
    ORM on it, and not among the page's own queries that tests pin (it is the same one
    query on every GET, whatever the page).
    """
    from django.db import connection

    try:
        connection.ensure_connection()
        cursor = connection.connection.cursor()
        try:
            cursor.execute(_READ)
            row = cursor.fetchone()
        finally:
            cursor.close()
    # The raw DB-API cursor raises the driver's own errors (an unmigrated database has no
    # version table), not Django's wrapped DatabaseError.
    except (DatabaseError, connection.Database.Error):
        return None
    if row is None:
        return None
    token, changed_at = row
    if isinstance(changed_at, str):  # SQLite
        changed_at = dt.datetime.fromisoformat(changed_at)
    if changed_at.tzinfo is None:
        changed_at = changed_at.replace(tzinfo=dt.UTC)
    return token, changed_at


# --- The response cache ----------------------------------------------------------------

_PERSONAL = re.compile(
    r"^/(?:admin/|accounts/|healthz|api/v1/auth/|surveys/[^/]+/respond/)|^/[a-z]{2}(?:-[a-z]+)?/"
    r"(?:admin/|accounts/|surveys/[^/]+/respond/)"
)
_UNCACHEABLE = ("private", "no-store", "no-cache")
_TIMEOUT = 24 * 60 * 60
MAX_BYTES = 8 * 1024 * 1024


def _has_credentials(request) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or "messages" in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )


def _cache_key(request, token: str) -> str:
    parts = "\n".join(
        [
            token,
            getattr(settings, "RESPONSE_CACHE_RELEASE", ""),
            request.scheme,
            request.META.get("HTTP_HOST", ""),
            request.META.get("HTTP_X_FORWARDED_HOST", "") if settings.USE_X_FORWARDED_HOST else "",
            request.get_full_path(),
            cache_language(request),
            request.META.get("HTTP_ACCEPT", ""),
        ]
    )
    return "iscm:response:" + hashlib.sha256(parts.encode()).hexdigest()


def _nonce(request) -> str | None:
    nonce = getattr(request, "_csp_nonce", None)
    return nonce if isinstance(nonce, str) else None


def _etag(content: bytes, nonce: str | None) -> str:
    if nonce:
        content = content.replace(nonce.encode(), b"")
    return f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'


def _throttled(request) -> bool:
    """The API's throttles count cached answers too (an anonymous client gets its 429)."""
    from rest_framework.settings import api_settings

    shim = SimpleNamespace(user=AnonymousUser(), META=request.META, headers=request.headers)
    return not all(
        throttle().allow_request(shim, None) for throttle in api_settings.DEFAULT_THROTTLE_CLASSES
    )


class ResponseCacheMiddleware:
    """See the module's docstring. Sits after the CSP and WhiteNoise middleware and before
    the session: a cached answer skips the session, auth, CSRF and messages layers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        version = current_version()
        personal = bool(_PERSONAL.match(request.path_info))
        anonymous = not _has_credentials(request)
        key = None
        if anonymous and not personal and version and settings.RESPONSE_CACHE:
            key = _cache_key(request, version[0])
            entry = cache.get(key)
            if entry is not None and not (
                request.path_info.startswith("/api/") and _throttled(request)
            ):
                response = self._replay(request, entry)
                return self._finish(request, response, version, anonymous, personal)
        response = self.get_response(request)
        if key and request.method == "GET" and self._storable(response):
            nonce = _nonce(request)
            if not response.has_header("ETag"):
                response["ETag"] = _etag(response.content, nonce)
            headers = [(k, v) for k, v in response.items() if k.lower() not in ("content-length",)]
            cache.set(key, (response.status_code, headers, response.content, nonce), _TIMEOUT)
        return self._finish(request, response, version, anonymous, personal)

    @staticmethod
    def _storable(response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        control = response.get("Cache-Control", "").lower()
        if any(word in control for word in _UNCACHEABLE):
            return False
        return len(response.content) <= MAX_BYTES

    @staticmethod
    def _replay(request, entry):
        from django.http import HttpResponse

        status, headers, content, nonce = entry
        if nonce:
            # A fresh nonce for this answer; the CSP middleware puts it in the header.
            content = content.replace(nonce.encode(), str(request.csp_nonce).encode())
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(content))
        return response

    @staticmethod
    def _finish(request, response, version, anonymous, personal):
        if response.status_code != 200 or (response.streaming and not response.has_header("ETag")):
            if not response.has_header("Cache-Control") and (personal or not anonymous):
                response["Cache-Control"] = "private, no-store"
            return response
        if not response.has_header("ETag"):
            response["ETag"] = _etag(response.content, _nonce(request))
        if version and not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(version[1].timestamp())
        if not response.has_header("Cache-Control"):
            if personal:
                response["Cache-Control"] = "private, no-store"
            elif anonymous:
                response["Cache-Control"] = "public, no-cache"
            else:
                response["Cache-Control"] = "private, no-cache"
        patch_vary_headers(response, ("Cookie", "Authorization"))
        conditional = get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=parse_http_date_safe(response["Last-Modified"])
            if response.has_header("Last-Modified")
            else None,
            response=response,
        )
        if conditional is not response:
            # The browser keeps the body it has, with that body's nonce: no new policy header.
            conditional._csp_exempt = True
        return conditional
