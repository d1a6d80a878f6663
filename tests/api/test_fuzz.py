"""Schemathesis against the OpenAPI schema, in-process (WSGI, no network) and bounded.

Generated requests, valid and invalid, must never get a 5xx, and every response must match
what the schema promises (content type, body of a documented status). Reads run
anonymously; the write endpoints run as an editor with a token. One test per operation of
the schema; Hypothesis is derandomized so a failure reproduces, and the examples per
operation are few so the suite stays fast.
"""

import re
from unittest import mock

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

FUZZ = settings(
    max_examples=6,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def documented_or_client_error(ctx, response, case):
    """A documented status, or a 4xx that says what was wrong (the issue asks for a 4xx
    with a message for bad input; the schema documents only the success responses)."""
    if 400 <= response.status_code < 500 and response.content.strip():
        return None
    return status_code_conformance(ctx, response, case)


CHECKS = [
    not_a_server_error,
    documented_or_client_error,
    content_type_conformance,
    response_schema_conformance,
]

WRITES = r"^/api/v1/(mechanisms|references|objectives|responses|documents)/(\{[^}]+\}/)?$"


def _operations(methods: set[str], path_regex: str = ".*") -> list:
    """Operation labels of the schema, read at collection time (no request, no database:
    relation fields are left without their lists of existing keys)."""
    with mock.patch("core.api.schema.existing_keys", return_value=None):
        spec = SchemaGenerator().get_schema(request=None, public=True)
    labels = sorted(
        f"{method.upper()} {path}"
        for path, item in spec["paths"].items()
        for method in item
        if method.upper() in methods and re.match(path_regex, path)
    )
    return labels


@pytest.fixture(scope="module")
def wsgi_app():
    """The WSGI app, minus what Django's own test client also turns off: closing the
    database connection at the end of each request, which on PostgreSQL would close the
    test's transaction under it."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def api_schema(wsgi_app, django_db_blocker):
    # The fuzz's schema variant, with the existing keys as enums (core.api.schema).
    with django_db_blocker.unblock(), override_settings(SCHEMA_EXISTING_KEYS=True):
        return schemathesis.openapi.from_wsgi("/api/schema/", wsgi_app)


@pytest.fixture
def editor_token(db):
    user = get_user_model().objects.create_user("fuzz-editor", password="fuzz-pass-123")
    user.groups.add(Group.objects.get(name="Editors"))
    return Token.objects.create(user=user).key


def fuzz(api_schema, label: str, headers=None) -> None:
    method, path = label.split(" ", 1)
    operation = api_schema[path][method]

    @FUZZ
    @given(case=operation.as_strategy())
    def run(case):
        case.call_and_validate(checks=CHECKS, headers=headers)

    run()


@pytest.mark.parametrize("label", _operations({"GET"}))
def test_reads_never_fail_and_match_the_schema(db, api_schema, label):
    fuzz(api_schema, label)


@pytest.mark.parametrize("label", _operations({"POST", "PUT", "PATCH"}, WRITES))
def test_editor_writes_never_fail_and_match_the_schema(api_schema, editor_token, label):
    fuzz(api_schema, label, headers={"Authorization": f"Token {editor_token}"})


def test_the_fuzzed_operations_cover_the_contract():
    reads = _operations({"GET"})
    writes = _operations({"POST", "PUT", "PATCH"}, WRITES)
    assert "GET /api/v1/mechanisms/" in reads
    assert "GET /api/v1/surveys/{slug}/results/" in reads
    assert "POST /api/v1/references/" in writes
    assert "PATCH /api/v1/mechanisms/{slug}/" in writes
