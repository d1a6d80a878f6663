"""One error shape for every error kind under /api/, JSON whatever format was asked for
(regression, issue 16: a 400 was ``{field: [msg]}``, a 404 ``{detail}``, and with
``?format=csv`` an error body was CSV that a script would read as data)."""

import json

import pytest
from django.test import RequestFactory, override_settings
from rest_framework.throttling import AnonRateThrottle

from ops.outage import outage_response
from tests.api import factories
from tests.api.test_writes import NEW_MECHANISM

pytestmark = pytest.mark.django_db


def assert_error_shape(response, status, field=None, code=None):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert body["errors"], body
    for item in body["errors"]:
        assert set(item) == {"field", "code", "message"}, item
        assert item["field"] is None or isinstance(item["field"], str)
        assert isinstance(item["code"], str) and item["code"]
        assert isinstance(item["message"], str) and item["message"]
    if field is not None:
        assert field in {item["field"] for item in body["errors"]}
    if code is not None:
        assert code in {item["code"] for item in body["errors"]}
    return body


@pytest.mark.parametrize("fmt", ["", "&format=json", "&format=csv"])
@pytest.mark.parametrize(
    ("query", "field", "code"),
    [
        ("kind=planet", "kind", "invalid_choice"),
        ("knd=rcp", "knd", "unknown_parameter"),
        ("search=a&search=b", "search", "repeated"),
        ("page=abc", "page", "invalid_page"),
        ("page=9999", "page", "invalid_page"),
        ("page_size=501", "page_size", None),
    ],
)
def test_400_names_the_parameter_in_json_whatever_the_format(api, query, field, code, fmt):
    assert_error_shape(api.get(f"/api/v1/mechanisms/?{query}{fmt}"), 400, field, code)


@pytest.mark.parametrize("fmt", ["xml", "CSV", ""])
def test_an_unknown_format_is_a_400_naming_format(api, fmt):
    assert_error_shape(api.get(f"/api/v1/mechanisms/?format={fmt}"), 400, "format")


def test_a_csv_without_page_but_with_page_size_is_refused(api):
    assert_error_shape(
        api.get("/api/v1/mechanisms/?format=csv&page_size=10"), 400, "page_size", "partial_csv"
    )


def test_400_on_a_body_names_the_field(editor_api):
    body = {**NEW_MECHANISM, "kind": "planet"}
    response = editor_api.post("/api/v1/mechanisms/", body, format="json")
    assert_error_shape(response, 400, "kind")


def test_401_bad_token(api):
    response = api.get("/api/v1/mechanisms/", HTTP_AUTHORIZATION="Token not-a-token")
    assert_error_shape(response, 401, None, "authentication_failed")


def test_401_anonymous_write(api):
    response = api.post("/api/v1/mechanisms/", NEW_MECHANISM, format="json")
    assert_error_shape(response, 401, None, "not_authenticated")


def test_403_without_the_permission(viewer_api):
    response = viewer_api.post("/api/v1/mechanisms/", NEW_MECHANISM, format="json")
    assert_error_shape(response, 403, None, "permission_denied")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/mechanisms/no-such-mechanism/",
        "/api/v1/mechanisms/no-such-mechanism/?format=csv",
        "/api/v1/no-such-endpoint/",
        "/api/v1/meetings/not-a-number/",
    ],
)
def test_404(api, url):
    assert_error_shape(api.get(url), 404, None, "not_found")


def test_405(editor_api):
    assert_error_shape(editor_api.delete("/api/v1/mechanisms/"), 405, None, "method_not_allowed")
    assert_error_shape(editor_api.post("/api/v1/sources/", {}, format="json"), 405)


def test_406(api):
    response = api.get("/api/v1/mechanisms/", HTTP_ACCEPT="application/xml")
    assert_error_shape(response, 406, None, "not_acceptable")


def test_409_duplicate_key(editor_api):
    body = {**NEW_MECHANISM, "slug": "gfmd"}
    response = editor_api.post("/api/v1/mechanisms/", body, format="json")
    assert_error_shape(response, 409, "slug", "unique")


def test_409_delete_of_a_referenced_record_adds_referenced_by(editor_api):
    mechanism = factories.mechanism(slug="apitest-cited")
    factories.response(mechanism_obj=mechanism)
    response = editor_api.delete(f"/api/v1/mechanisms/{mechanism.slug}/")
    body = assert_error_shape(response, 409)
    assert body["referenced_by"]


def test_413_body_over_the_limit(editor_api):
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100):
        response = editor_api.post(
            "/api/v1/mechanisms/", {**NEW_MECHANISM, "description": "x" * 500}, format="json"
        )
    assert_error_shape(response, 413, None, "too_large")


def test_415_form_body(editor_api):
    response = editor_api.post("/api/v1/mechanisms/", NEW_MECHANISM, format="multipart")
    assert_error_shape(response, 415, None, "unsupported_media_type")


def test_429_throttled(api, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    for _ in range(2):
        api.get("/api/v1/regions/")
    response = api.get("/api/v1/regions/?format=csv")
    assert_error_shape(response, 429, None, "throttled")
    assert response["Retry-After"]


def test_503_database_down():
    response = outage_response(RequestFactory().get("/api/v1/mechanisms/"))
    body = json.loads(response.content)
    assert response.status_code == 503
    assert body["detail"] and body["errors"][0]["code"] == "unavailable"


def test_dump_refuses_unknown_parameters_and_other_methods(api):
    assert_error_shape(api.get("/api/v1/dump/?x=1"), 400, "x", "unknown_parameter")
    assert_error_shape(api.post("/api/v1/dump/"), 405, None, "method_not_allowed")
