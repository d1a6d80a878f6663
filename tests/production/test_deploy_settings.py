"""Production settings: read from the environment, and `check --deploy` is clean with them.

Each test runs manage.py in a subprocess so the settings module is imported afresh with a
production-like environment (DEBUG unset, no pytest in sys.modules).
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "ALLOWED_HOSTS": "example.org",
    "USE_X_FORWARDED_PROTO": "1",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {
        key: value
        for key, value in os.environ.items()
        # Start from a clean slate: nothing of the developer's shell leaks into "production".
        if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"} and not key.startswith("SECURE_")
    }
    return subprocess.run(  # noqa: S603 - fixed argv, our own manage.py
        [sys.executable, str(ROOT / "manage.py"), *args],
        env={**base, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_flags_a_missing_ssl_redirect():
    """The check is real: without the redirect it warns and fails."""
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECURE_SSL_REDIRECT"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


def test_secret_key_is_required_when_debug_is_off():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_values():
    names = [
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_PROXY_SSL_HEADER",
    ]
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    }


def test_migration_check_runs_without_a_secret_key():
    """`makemigrations --check` compares code with migration files; it needs no secret."""
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    result = manage("makemigrations", "--check", "--dry-run", env=env)
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout
