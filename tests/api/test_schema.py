"""The OpenAPI schema says which values the API accepts (core.api.schema), and the API
refuses what the schema calls invalid (strict JSON types, ?format=, whole numbers)."""

from unittest import mock

import pytest

from mechanisms.models import Region
from sources.models import Document
from tests.api.errors import fields, messages

pytestmark = pytest.mark.django_db


def _schema(api):
    return api.get("/api/schema/?format=json").json()


def _parameter(schema, path, name):
    parameters = schema["paths"][path]["get"]["parameters"]
    return next(p for p in parameters if p["name"] == name)


def test_request_bodies_list_the_existing_keys_of_relations(api):
    components = _schema(api)["components"]["schemas"]
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


def test_responses_are_not_held_to_the_keys_that_existed_when_the_schema_was_read(api):
    components = _schema(api)["components"]["schemas"]
    assert "enum" not in components["Reference"]["properties"]["document"]


def test_filters_list_the_existing_keys(api):
    schema = _schema(api)
    region = _parameter(schema, "/api/v1/mechanisms/", "region")
    assert region["schema"]["items"]["enum"] == sorted(
        Region.objects.values_list("slug", flat=True)
    )
    objective = _parameter(schema, "/api/v1/references/", "objective")
    assert objective["schema"]["items"]["enum"] == list(range(1, 24))


def test_a_new_record_is_in_the_next_schema(api):
    Region.objects.create(slug="zz-new-region", name="Zz new region")
    region = _parameter(_schema(api), "/api/v1/mechanisms/", "region")
    assert "zz-new-region" in region["schema"]["items"]["enum"]


def test_too_many_keys_leave_a_description_instead_of_an_enum(api):
    with mock.patch("core.api.schema.MAX_ENUM", 2):
        schema = _schema(api)
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
    with django_assert_max_num_queries(20):
        assert api.get("/api/schema/?format=json").status_code == 200
