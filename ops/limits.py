"""Who the client is, and how often it may knock: the client address behind ``PROXY_COUNT``
trusted proxies, and cheap per-address counters in the cache.

One function, ``client_ip``, names the client for everything that counts per address: the
login limiter below, the API's throttles (``AnonThrottle``/``UserThrottle``, DRF's
``NUM_PROXIES`` set to match) and django-axes (``AXES_CLIENT_IP_CALLABLE``). An
``X-Forwarded-For`` header is only read when proxies are declared, and then only the entry
the nearest of them wrote: anything to its left is whatever the client chose to send.
"""

from __future__ import annotations

import functools
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


def client_ip(request) -> str | None:
    """The client's address: ``REMOTE_ADDR`` with no proxy (``PROXY_COUNT=0``, the
    default); behind N trusted proxies, the Nth entry from the right of X-Forwarded-For.
    None when there is none (an in-process request): axes stores it in an address column."""
    request = getattr(request, "_request", request)  # a DRF request wraps Django's
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = getattr(settings, "PROXY_COUNT", 0)
    if not proxies:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
    if not entries:
        return remote  # came round the proxies
    candidate = entries[-min(proxies, len(entries))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def axes_client_ip(request) -> str | None:
    """``client_ip`` for django-axes, which stores it in an address column: a request with
    no address (a test client's ``force_login``) is logged with none, not "unknown"
    (PostgreSQL's inet type refuses that word)."""
    ip = client_ip(request)
    try:
        return str(ipaddress.ip_address(ip))
    except ValueError:
        return None


def parse_rate(rate: str) -> tuple[int, int]:
    """``"20/minute"`` -> (20, 60)."""
    count, _, period = rate.partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period.strip()[:1].lower()]
    return int(count), seconds


def over_limit(scope: str, ident: str, rates: str) -> int:
    """Count one hit for ``ident`` in ``scope``; the seconds to wait if it is over any of
    ``rates`` (``"10/minute,60/hour"``), 0 while within them. Fixed windows in the cache:
    an add and an incr per rate, no database."""
    now = int(time.time())
    wait = 0
    for rate in rates.split(","):
        limit, period = parse_rate(rate.strip())
        window = now // period
        key = f"limit:{scope}:{ident}:{period}:{window}"
        cache.add(key, 0, timeout=period + 1)
        try:
            hits = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=period + 1)
            hits = 1
        if hits > limit:
            wait = max(wait, (window + 1) * period - now)
    return wait


def too_many(request, message: str, retry_after: int) -> HttpResponse:
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {
                "detail": message,
                "errors": [{"field": None, "code": "throttled", "message": message}],
            },
            status=429,
        )
    else:
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(max(1, retry_after))
    # Not logged one by one: an attack would write a warning per refused request.
    response._has_been_logged = True
    return response


def _login_paths() -> frozenset[str]:
    return frozenset(reverse(name) for name in ("admin:login", "accounts:login", "api-token"))


class LoginRateLimitMiddleware:
    """Login and token attempts per client address, counted before anything else runs.

    A password check costs a deliberately slow hash, and Django hashes for unknown user
    names too; a stream of attempts with new random names never trips axes' per-username
    lockout but would keep every worker hashing. This counter (``LOGIN_RATE`` per address,
    in the cache) refuses the excess with 429 before a session, a query or a hash. A short
    and a long window (``10/minute,60/hour``) keep both a burst and a steady stream of hashes
    small.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.paths = None

    def __call__(self, request):
        if request.method == "POST":
            if self.paths is None:
                self.paths = _login_paths()
            if request.path in self.paths:
                ident = client_ip(request) or "unknown"
                wait = over_limit("login", ident, settings.LOGIN_RATE)
                if wait:
                    return too_many(
                        request,
                        f"Too many login attempts from your address. Try again in {wait} seconds.",
                        wait,
                    )
        return self.get_response(request)


def limit_dump(view):
    """``DUMP_RATE`` dumps per client address: each one reads every public table."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        wait = over_limit("dump", client_ip(request) or "unknown", settings.DUMP_RATE)
        if wait:
            return too_many(request, f"Too many dump downloads. Try again in {wait} seconds.", wait)
        return view(request, *args, **kwargs)

    return wrapped


class AnonThrottle(AnonRateThrottle):
    """DRF's anonymous throttle, per ``client_ip``."""

    def get_ident(self, request):
        return client_ip(request)


class UserThrottle(UserRateThrottle):
    def get_ident(self, request):
        return client_ip(request)
