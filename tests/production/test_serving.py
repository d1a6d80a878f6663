"""The documented production run: collectstatic + gunicorn + WhiteNoise, and CACHE_URL."""

import gzip
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.checks import Warning as CheckWarning
from django.core.checks import run_checks

from iscm_registry.settings import caches_from_url

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, **headers):
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    """gunicorn with DEBUG off, hashed compressed static files, an empty SQLite database."""
    tmp = tmp_path_factory.mktemp("serving")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "ISCM_PLAIN_STATIC"} and not key.startswith("SECURE_")
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=str(tmp / "static"),
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        SECURE_SSL_REDIRECT="1",
        SECURE_COOKIES="1",
        USE_X_FORWARDED_PROTO="1",
        SECURE_HSTS_SECONDS="3600",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True, timeout=300,
    )  # fmt: skip
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [str(GUNICORN), "iscm_registry.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            fetch(base + "/healthz")
            break
        except OSError:
            time.sleep(0.2)
    yield base, tmp / "static"
    server.terminate()
    server.wait(timeout=30)


def test_static_files_are_hashed_and_compressed(production_server):
    base, static_root = production_server
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    assert hashed != "css/site.css" and hashed.startswith("css/site.")
    assert (static_root / (hashed + ".gz")).exists()

    status, headers, body = fetch(
        f"{base}/static/{hashed}", **{"Accept-Encoding": "gzip", "X-Forwarded-Proto": "https"}
    )
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    assert b"{" in gzip.decompress(body)


def test_gunicorn_serves_health_over_plain_http_and_redirects_pages(production_server):
    base, _ = production_server
    status, headers, body = fetch(base + "/healthz")
    assert status == 200 and json.loads(body)["status"] == "ok"
    status, headers, _ = fetch(base + "/mechanisms/")
    assert status == 301 and headers["Location"].startswith("https://")
    # Behind the TLS-terminating proxy (X-Forwarded-Proto from 127.0.0.1) there is no loop.
    status, headers, _ = fetch(base + "/healthz", **{"X-Forwarded-Proto": "https"})
    assert status == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=3600")


def test_cache_url_redis_uses_django_redis_cache():
    caches = caches_from_url("redis://127.0.0.1:6379/3")
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert caches["default"]["LOCATION"] == "redis://127.0.0.1:6379/3"


def test_cache_url_default_is_local_memory():
    assert caches_from_url("")["default"]["BACKEND"].endswith("LocMemCache")


def test_cache_url_redis_without_the_package_falls_back_and_warns(monkeypatch, settings):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "redis" else real(name, *a)
    )
    caches = caches_from_url("redis://127.0.0.1:6379/0")
    assert caches["default"]["BACKEND"].endswith("LocMemCache")
    settings.CACHE_URL = "redis://127.0.0.1:6379/0"
    settings.CACHES = caches
    warnings = [m for m in run_checks(include_deployment_checks=True) if m.id == "ops.W001"]
    assert len(warnings) == 1 and isinstance(warnings[0], CheckWarning)


def test_redis_cache_is_shared(settings):
    """Two independent cache clients (two workers) see each other's writes."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    from django.core.cache.backends.redis import RedisCache

    location = "redis://127.0.0.1:6379/15"
    first = RedisCache(location, {"KEY_PREFIX": f"test-{secrets.token_hex(4)}"})
    second = RedisCache(location, {"KEY_PREFIX": first.key_prefix})
    first.set("throttle", 7, timeout=30)
    assert second.get("throttle") == 7
    first.delete("throttle")
