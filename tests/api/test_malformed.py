"""Malformed JSON of any shape is a 400 JSON answer, never a 500 (issue 14, item 6)."""

import pytest
from rest_framework.test import APIClient

from iscm_registry.api import router

pytestmark = pytest.mark.django_db

BODIES = {
    # Regression: 10 KB of "[" answered an HTML 500 (RecursionError).
    "deep lists": b"[" * 10_000,
    "deep objects": b'{"a":' * 5_000,
    "nested within the limit's reach": b'{"name": ' + b"[" * 40 + b"]" * 40 + b"}",
    "huge integer": b'{"year_established": ' + b"9" * 5_000 + b"}",
    "huge exponent": b'{"year_established": 1e999999}',
    "NaN": b'{"name": NaN}',
    "invalid UTF-8": b'{"name": "\xff\xfe\xc3"}',
    "truncated": b'{"name": "x',
    "lone surrogate": b'{"name": "\\ud800"}',
}


def list_urls():
    return [f"/api/v1/{prefix}/" for prefix, _viewset, _basename in router.registry]


@pytest.fixture
def editor_api(editor):
    client = APIClient()
    client.force_authenticate(editor)
    return client


def assert_json_400(response):
    assert response.status_code == 400, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


@pytest.mark.parametrize("body", list(BODIES.values()), ids=list(BODIES))
def test_the_token_endpoint_refuses_malformed_json(body):
    response = APIClient().post("/api/v1/auth/token/", body, content_type="application/json")
    if body == BODIES["lone surrogate"]:
        # Well-formed JSON without a username: a 400 naming the field.
        assert response.status_code == 400
        return
    assert_json_400(response)


@pytest.mark.parametrize("body", list(BODIES.values()), ids=list(BODIES))
def test_every_write_refuses_malformed_json(editor_api, body):
    for url in list_urls():
        response = editor_api.generic("POST", url, body, content_type="application/json")
        if response.status_code == 405:
            continue
        assert response.status_code < 500, (url, response.content[:300])
        assert response.status_code == 400, (url, response.status_code)
    for method in ("PATCH", "PUT"):
        response = editor_api.generic(
            method, "/api/v1/mechanisms/gfmd/", body, content_type="application/json"
        )
        assert response.status_code == 400, (method, response.content[:300])
