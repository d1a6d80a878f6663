"""The OpenAPI schema says which values the API accepts (core.api.schema), and the API
refuses what the schema calls invalid (strict JSON types, ?format=, whole numbers)."""

from unittest import mock

import pytest
from django.test import override_settings

from mechanisms.models import Region
from sources.models import Document
from tests.api.errors import fields, messages

pytestmark = pytest.mark.django_db


def _schema(api, keys=False):
    """The public schema, or (``keys``) the fuzz's variant with the existing keys as enums."""
    with override_settings(SCHEMA_EXISTING_KEYS=keys):
        return api.get("/api/schema/?format=json").json()


def _parameter(schema, path, name):
    parameters = schema["paths"][path]["get"]["parameters"]
    return next(p for p in parameters if p["name"] == name)


def test_fuzz_variant_request_bodies_list_the_existing_keys_of_relations(api):
    components = _schema(api, keys=True)["components"]["schemas"]
    document = components["ReferenceRequest"]["properties"]["document"]
    # A reference cites a UN text (not an IOM note): exactly the texts that exist.
    assert document["enum"] == sorted(Document.objects.texts().values_list("slug", flat=True))
    assert "gcm-final" in document["enum"]
    sources = components["ReferenceRequest"]["properties"]["sources"]["items"]
    assert sources["enum"] == sorted(Document.objects.notes().values_list("slug", flat=True))
    assert "gcm-final" not in sources["enum"]  # sources are IOM notes only
    regions = components["MechanismDetailRequest"]["properties"]["regions"]["items"]
    assert "africa" in regions["enum"]
    # A nullable relation accepts null too.
    meeting = components["SurveyRequest"]["properties"]["meeting"]
    assert None in meeting["enum"] and 1 in meeting["enum"]


def test_fuzz_variant_responses_are_not_held_to_the_keys_that_existed_when_the_schema_was_read(api):
    components = _schema(api, keys=True)["components"]["schemas"]
    assert "enum" not in components["Reference"]["properties"]["document"]


def test_fuzz_variant_filters_list_the_existing_keys(api):
    schema = _schema(api, keys=True)
    region = _parameter(schema, "/api/v1/mechanisms/", "region")
    assert region["schema"]["items"]["enum"] == sorted(
        Region.objects.values_list("slug", flat=True)
    )
    objective = _parameter(schema, "/api/v1/references/", "objective")
    assert objective["schema"]["items"]["enum"] == list(range(1, 24))


def test_fuzz_variant_a_new_record_is_in_the_next_schema(api, keys=True):
    Region.objects.create(slug="zz-new-region", name="Zz new region")
    region = _parameter(_schema(api, keys=True), "/api/v1/mechanisms/", "region")
    assert "zz-new-region" in region["schema"]["items"]["enum"]


def test_fuzz_variant_too_many_keys_leave_a_description_instead_of_an_enum(api):
    with mock.patch("core.api.schema.MAX_ENUM", 2):
        schema = _schema(api, keys=True)
    region = _parameter(schema, "/api/v1/mechanisms/", "region")["schema"]["items"]
    assert "enum" not in region
    document = schema["components"]["schemas"]["ReferenceRequest"]["properties"]["document"]
    assert "enum" not in document and "existing" in document["description"]


def test_writes_document_conflicts_and_json_only_bodies(api):
    operation = _schema(api)["paths"]["/api/v1/mechanisms/"]["post"]
    assert {"409", "415"} <= set(operation["responses"])
    assert set(operation["requestBody"]["content"]) == {"application/json"}


@pytest.mark.parametrize("value", ["", "xml", "CSV"])
def test_an_unserved_format_is_refused_with_a_message(api, value):
    response = api.get(f"/api/v1/regions/?format={value}")
    assert response.status_code == 400
    assert fields(response) == {"format"}
    detail = response.json()["detail"]
    assert "Unknown format" in detail and "format=csv" in detail


@pytest.mark.parametrize("value", ["0.5", "1e3", "nineteen", "99999999999"])
def test_whole_number_filters_refuse_anything_else(api, value):
    response = api.get(f"/api/v1/surveys/?year={value}")
    assert response.status_code == 400
    assert "year" in fields(response)


def test_whole_number_filter_matches(api):
    response = api.get("/api/v1/surveys/?year=2021")
    assert response.status_code == 200
    assert response.json()["count"] >= 1


@pytest.mark.parametrize("query", ["region=", "search=", "kind=", "ordering=", "page="])
def test_an_empty_parameter_is_refused_not_ignored(api, query):
    response = api.get(f"/api/v1/mechanisms/?{query}")
    assert response.status_code == 400
    name = query.rstrip("=")
    assert "Empty value" in messages(response, name)[0]


def test_text_parameters_say_what_they_accept(api):
    schema = _schema(api)
    search = _parameter(schema, "/api/v1/mechanisms/", "search")["schema"]
    assert search["minLength"] == 1 and search["maxLength"] == 200
    assert search["pattern"] == "^[^\\x00]*$"
    paragraph = _parameter(schema, "/api/v1/references/", "paragraph")["schema"]
    assert paragraph["pattern"].startswith("^[1-9]")


def test_request_text_says_it_may_not_be_blank(api):
    properties = _schema(api)["components"]["schemas"]["DocumentRequest"]["properties"]
    assert properties["title"]["pattern"] == "^[^\\x00]*[^\\s\\x00][^\\x00]*$"
    assert properties["short_title"]["pattern"] == "^[^\\x00]*$"  # may be blank
    value = _schema(api)["components"]["schemas"]["PublishedFigureRequest"]["properties"]["value"]
    assert value["pattern"] == "^(?:[0-9]{1,5}(?:\\.[0-9]{0,2})?|\\.[0-9]{1,2})$"


def test_updates_have_no_key_to_write(api):
    components = _schema(api)["components"]["schemas"]
    assert "slug" in components["DocumentRequest"]["properties"]
    assert "slug" not in components["DocumentUpdateRequest"]["properties"]
    assert "slug" not in components["PatchedDocumentUpdateRequest"]["properties"]


def test_relation_id_filters_take_ids_the_api_shows(api):
    """``?survey_id=`` and the like take database ids: the records show theirs."""
    for path in ("surveys", "mechanisms", "documents", "objectives", "regions"):
        first = api.get(f"/api/v1/{path}/?page_size=1").json()["results"][0]
        assert isinstance(first["id"], int), path
    mechanism = api.get("/api/v1/mechanisms/gfmd/").json()
    references = api.get(f"/api/v1/references/?mechanism_id={mechanism['id']}").json()
    assert references["count"] == api.get("/api/v1/references/?mechanism=gfmd").json()["count"]
    assert references["count"] > 0


def test_response_web_addresses_are_plain_strings(api):
    components = _schema(api)["components"]["schemas"]
    website = components["MechanismList"]["properties"]["website"]
    members = website.get("oneOf", [website])
    assert all("format" not in m and "pattern" not in m for m in members)


def test_the_schema_is_made_without_a_database(api):
    """``check --deploy`` generates the schema, maybe before any database exists (outside
    any transaction: the test's own is hidden)."""
    from django.db import OperationalError, connection

    with (
        mock.patch.object(connection, "in_atomic_block", False),
        mock.patch(
            "django.db.models.query.QuerySet.__iter__",
            side_effect=OperationalError("no database"),
        ),
    ):
        from drf_spectacular.generators import SchemaGenerator

        schema = SchemaGenerator().get_schema(request=None, public=True)
    document = schema["components"]["schemas"]["ReferenceRequest"]["properties"]["document"]
    assert "enum" not in document and "existing" in document["description"]


def test_each_key_list_is_read_once_per_schema(api, django_assert_max_num_queries):
    # 17 distinct key lists today (relations and filters); each component variant (request,
    # patch, update) and each filter reuses the list read for the first.
    with django_assert_max_num_queries(20), override_settings(SCHEMA_EXISTING_KEYS=True):
        assert api.get("/api/schema/?format=json").status_code == 200


def test_the_public_schema_reads_no_key_list(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert api.get("/api/schema/?format=json").status_code == 200


def _enums(node):
    if isinstance(node, dict):
        if "enum" in node:
            yield node["enum"]
        for value in node.values():
            yield from _enums(value)
    elif isinstance(node, list):
        for value in node:
            yield from _enums(value)


def test_public_schema_has_no_enum_of_database_keys(api):
    """Regression (issue 16): filters and bodies listed the keys in the database as enums
    (236 of them): a generated client refused any record added after it was generated."""
    schema = _schema(api)
    keys = {*Region.objects.values_list("slug", flat=True)}
    keys |= {*Document.objects.values_list("slug", flat=True)}
    for values in _enums(schema):
        assert not keys & {str(v) for v in values}, values
    region = _parameter(schema, "/api/v1/mechanisms/", "region")["schema"]["items"]
    assert region["pattern"] == "^[-a-zA-Z0-9_]+$" and "existing region" in region["description"]
    document = schema["components"]["schemas"]["ReferenceRequest"]["properties"]["document"]
    assert "enum" not in document and "existing" in document["description"]
    # Real choices keep their enum.
    kind = _parameter(schema, "/api/v1/mechanisms/", "kind")["schema"]["items"]
    assert set(kind["enum"]) == {"rcp", "irf", "global", "not-stated"}


def test_public_schema_does_not_change_with_the_data(api):
    before = _schema(api)
    Region.objects.create(slug="zz-new-region", name="Zz new region")
    assert _schema(api) == before


def test_no_component_takes_a_generated_client_type_name(api):
    """Regression (issue 16): a component named Response broke openapi-python-client."""
    names = set(_schema(api)["components"]["schemas"])
    assert not names & {"Response", "Client", "AuthenticatedClient", "File", "Unset", "Types"}
    assert "SurveyResponse" in names


def test_reads_are_anonymous_csv_is_text_and_no_answer_is_html(api):
    schema = _schema(api)
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            if method == "get":
                assert operation["security"] == [], path
            for code, answer in operation["responses"].items():
                content = answer.get("content", {})
                assert "text/html" not in content, (path, code)
                if code.startswith("2") and "text/csv" in content:
                    assert content["text/csv"]["schema"]["type"] == "string"
                if code.startswith(("4", "5")):
                    assert list(content) == ["application/json"], (path, code)
    listing = schema["paths"]["/api/v1/mechanisms/"]["get"]["responses"]["200"]["content"]
    assert list(listing)[0] == "application/json"  # a generated client parses the JSON


def test_the_dump_is_described(api):
    operation = _schema(api)["paths"]["/api/v1/dump/"]["get"]
    assert "application/zip" in operation["responses"]["200"]["content"]
    assert operation["security"] == []
    assert "400" in operation["responses"]


def test_parameters_say_whether_they_take_repeats(api):
    schema = _schema(api)
    region = _parameter(schema, "/api/v1/mechanisms/", "region")
    assert "Repeat the parameter for OR" in region["description"]
    assert region["schema"]["type"] == "array" and region.get("explode", True)
    search = _parameter(schema, "/api/v1/mechanisms/", "search")
    assert "repeated parameter is a 400" in search["description"]
