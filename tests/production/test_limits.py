"""Hostile traffic (issue 14): login attempts limited per address before any hashing, the
dump throttled, and the client address taken only from trusted proxies."""

import uuid
from types import SimpleNamespace

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import RequestFactory, override_settings
from rest_framework.test import APIClient

from ops.limits import client_ip

TOKEN_URL = "/api/v1/auth/token/"
LOGIN_URLS = [TOKEN_URL, "/admin/login/", "/accounts/login/"]


@pytest.fixture(autouse=True)
def one_window(monkeypatch):
    """The counters use fixed windows: a test whose attempts straddled a minute boundary
    would see the count start again part-way (it did once in CI). Time stands still
    mid-window here."""
    monkeypatch.setattr("ops.limits.time", SimpleNamespace(time=lambda: 1_800_000_030.0))


@pytest.fixture
def hashes(monkeypatch):
    """How many times a password was hashed (Django hashes for unknown names too)."""
    calls = []
    original = MD5PasswordHasher.encode

    def counting(self, password, salt):
        calls.append(password)
        return original(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting)
    return calls


def random_attempt(client, url, **extra):
    name = f"nobody-{uuid.uuid4().hex[:12]}"
    return client.post(url, {"username": name, "password": "guess-123"}, **extra)


@pytest.mark.parametrize("url", LOGIN_URLS)
@override_settings(LOGIN_RATE="5/minute")
def test_random_name_attempts_are_refused_before_any_hashing(db, client, hashes, url):
    """Regression (issue 14, item 2): new random user names each time never trip axes'
    per-username lockout, so each attempt used to cost a password hash."""
    statuses = [random_attempt(client, url).status_code for _ in range(12)]
    assert 429 not in statuses[:5]
    assert statuses[5:] == [429] * 7
    # Only the attempts within the limit reached a password check.
    assert len(hashes) <= 5
    refused = random_attempt(client, url)
    assert int(refused["Retry-After"]) > 0
    if url.startswith("/api/"):
        assert refused.json()["errors"][0]["code"] == "throttled"


@override_settings(LOGIN_RATE="3/minute")
def test_the_login_limit_is_per_address_and_leaves_pages_alone(db, client):
    for _ in range(3):
        random_attempt(client, TOKEN_URL)
    assert random_attempt(client, TOKEN_URL).status_code == 429
    # Another address still logs in; pages and GETs of the login form are not counted.
    assert random_attempt(client, TOKEN_URL, REMOTE_ADDR="192.0.2.9").status_code == 401
    assert client.get("/").status_code == 200
    assert client.get("/admin/login/").status_code == 200


@override_settings(LOGIN_RATE="3/minute")
def test_a_forged_forwarded_for_does_not_reset_the_login_limit(db, client):
    for n in range(3):
        random_attempt(client, TOKEN_URL, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    forged = random_attempt(client, TOKEN_URL, HTTP_X_FORWARDED_FOR="203.0.113.77")
    assert forged.status_code == 429


@override_settings(LOGIN_RATE="100/minute,3/hour")
def test_every_rate_of_the_login_limit_applies(db, client):
    statuses = [random_attempt(client, TOKEN_URL).status_code for _ in range(5)]
    assert statuses == [401, 401, 401, 429, 429]


@override_settings(DUMP_RATE="2/hour")
def test_the_dump_is_throttled(db, client):
    """Regression (issue 14, item 2): /api/v1/dump/ was anonymous and unthrottled."""
    statuses = [client.get("/api/v1/dump/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert client.get("/api/v1/dump/", REMOTE_ADDR="192.0.2.9").status_code == 200


# --- The client address ----------------------------------------------------------------


def request_from(remote="10.0.0.5", forwarded=None):
    extra = {"REMOTE_ADDR": remote or ""}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, None, "10.0.0.5"),
        # No proxy declared: the header is the client's own invention.
        (0, "203.0.113.1", "10.0.0.5"),
        # One proxy: it appended the address it saw; anything left of it is forged.
        (1, "203.0.113.1", "203.0.113.1"),
        (1, "6.6.6.6, 203.0.113.1", "203.0.113.1"),
        (2, "6.6.6.6, 203.0.113.1, 10.1.1.1", "203.0.113.1"),
        # A request that came round the proxies; a garbage entry.
        (1, None, "10.0.0.5"),
        (1, "not-an-address", "10.0.0.5"),
        (0, None, None),
    ],
)
def test_client_ip_trusts_only_the_declared_proxies(settings, proxies, forwarded, expected):
    settings.PROXY_COUNT = proxies
    remote = "10.0.0.5" if expected or forwarded else None
    assert client_ip(request_from(remote, forwarded=forwarded)) == expected


def test_axes_and_the_throttles_use_the_same_address(settings):
    from axes.helpers import get_client_ip_address

    from ops.limits import AnonThrottle

    settings.PROXY_COUNT = 1
    request = request_from(forwarded="6.6.6.6, 203.0.113.1")
    assert get_client_ip_address(request) == "203.0.113.1"
    assert AnonThrottle().get_ident(request) == "203.0.113.1"


def test_a_new_forwarded_for_per_request_does_not_bypass_the_throttle(db, monkeypatch):
    """Regression (issue 14, item 3): 8 of 8 answered 200 at 5/minute, each request with
    a new X-Forwarded-For."""
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "5/minute"})
    api = APIClient()
    statuses = [
        api.get("/api/v1/regions/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(8)
    ]
    assert statuses == [200] * 5 + [429] * 3


def test_behind_one_proxy_each_client_has_its_own_throttle(db, monkeypatch, settings):
    from rest_framework.throttling import AnonRateThrottle

    settings.PROXY_COUNT = 1
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    api = APIClient()

    def get(forwarded):
        return api.get("/api/v1/regions/", HTTP_X_FORWARDED_FOR=forwarded).status_code

    assert [get("203.0.113.1") for _ in range(3)] == [200, 200, 429]
    # Forged entries to the left of the proxy's own change nothing.
    assert get("1.2.3.4, 203.0.113.1") == 429
    assert get("203.0.113.2") == 200
