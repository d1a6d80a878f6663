"""A method a route does not have is a 405 naming the ones it has, whoever sends it
(regression, issue 16: the fuzz found an anonymous POST to a record answered 401, telling
the client to log in for something no login allows)."""

import re

import pytest
from rest_framework.test import APIClient

from tests.api.test_errors import assert_error_shape

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return APIClient().get("/api/schema/?format=json").json()


def test_undeclared_methods_answer_405_with_allow_on_every_route(schema):
    # The method is checked before the record is looked up, so any key of the right shape
    # (the URL patterns' own: a country code, a principle's letter, a slug or a number).
    sample = {"code": "FR", "letter": "a"}
    api = APIClient()
    checked = 0
    for path, operations in schema["paths"].items():
        url = re.sub(r"\{([^}]+)\}", lambda m: sample.get(m.group(1), "1"), path)
        declared = {method for method in operations if method in METHODS}
        for method in sorted(set(METHODS) - declared):
            response = getattr(api, method)(url, data={}, format="json")
            body = assert_error_shape(response, 405, code="method_not_allowed")
            assert method.upper() in body["detail"], (method, path)
            allowed = {m.strip().lower() for m in response["Allow"].split(",")}
            assert declared <= allowed, (method, path, response["Allow"])
            assert method not in allowed, (method, path)
            checked += 1
    # Every read-only list and record, and the write routes' missing methods.
    assert checked > 50


def test_undeclared_method_is_405_for_an_editor_too(schema, django_user_model, staff_groups):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("editor-405", password="x-pass-12345")
    editor.groups.add(Group.objects.get(name="Editors"))
    api = APIClient()
    api.force_authenticate(editor)
    response = api.post("/api/v1/mechanisms/rcm/", data={}, format="json")
    assert_error_shape(response, 405, code="method_not_allowed")
    assert "PATCH" in response["Allow"]
