"""A database that accepts connections and never answers (issue 14, item 5): /healthz and
the API answer 503 within a few seconds instead of hanging until the worker is killed."""

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, time
import django
django.setup()
from django.test import Client
client = Client()
results = {}
for url in ("/healthz", "/api/v1/regions/", "/mechanisms/"):
    started = time.monotonic()
    response = client.get(url)
    results[url] = [response.status_code, round(time.monotonic() - started, 2),
                    response.get("Content-Type", "")]
print(json.dumps(results))
"""


@pytest.fixture
def stuck_database():
    """A TCP server that accepts every connection and never sends a byte."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            held.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(timeout=2)
    for conn in held:
        conn.close()
    server.close()


def test_a_silent_database_answers_503_within_seconds(stuck_database):
    import json

    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://nobody@127.0.0.1:{stuck_database}/stuck",
        "DJANGO_SETTINGS_MODULE": "iscm_registry.settings",
        "SECRET_KEY": "stuck-database-test-key-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "testserver",
        "ISCM_PLAIN_STATIC": "1",
        "DB_CONNECT_TIMEOUT": "2",
        "DEBUG": "",
    }
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    for url, (status, seconds, _content_type) in answers.items():
        assert status == 503, (url, status)
        # connect_timeout is 2 s; libpq may try IPv4 and IPv6 of a name, here one address.
        assert seconds < 6, (url, seconds)
    assert answers["/api/v1/regions/"][2].startswith("application/json")
    assert time.monotonic() - started < 45


def test_statements_have_a_time_limit_on_postgresql():
    """Outside the test runner: connect_timeout 3 s and statement_timeout 20 s by default."""
    probe = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['OPTIONS'])"
    )
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://nobody@127.0.0.1:5432/anything",
        "DJANGO_SETTINGS_MODULE": "iscm_registry.settings",
        "SECRET_KEY": "statement-timeout-test-key-0123456789-abcdefghijkl",
        "DEBUG": "",
    }
    env.pop("DB_STATEMENT_TIMEOUT_MS", None)
    env.pop("DB_CONNECT_TIMEOUT", None)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    options = result.stdout.strip().splitlines()[-1]
    assert "'connect_timeout': 3" in options
    assert "-c statement_timeout=20000" in options
