"""Security headers on every kind of response: public pages, the admin, the API."""

import pytest

PATHS = [
    "/",  # public home page
    "/admin/login/",  # admin, anonymous
    "/admin/",  # admin, logged in
    "/api/v1/",  # API root (JSON)
    "/api/schema/",  # OpenAPI document
    "/no-such-page/",  # even a 404
]


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("header-admin", password="x-pass-123")
    client.force_login(user)
    return client


@pytest.mark.parametrize("path", PATHS)
def test_security_headers(staff_client, path):
    response = staff_client.get(path)
    assert response.status_code < 500
    csp = response.headers["Content-Security-Policy"]
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";") if part.strip()
    )
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_nonce_differs_per_response(staff_client):
    """The docs page's inline style carries a fresh nonce each time; a repeated one could be
    reused by injected markup."""
    pages = [staff_client.get("/api/docs/") for _ in range(2)]
    nonces = []
    for page in pages:
        assert page.status_code == 200
        policy = page.headers["Content-Security-Policy"]
        nonce = policy.split("'nonce-", 1)[1].split("'", 1)[0]
        assert f'nonce="{nonce}"' in page.content.decode()
        nonces.append(nonce)
    assert nonces[0] != nonces[1]
