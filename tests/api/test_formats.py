"""Pagination limits, CSV on every list, the OpenAPI schema and the offline docs page."""

import csv
import io
import re

import pytest
from django.core.management import call_command

from tests.api import factories
from tests.api.errors import fields, messages
from tests.api.test_contract import LIST_FIELDS

pytestmark = pytest.mark.django_db


def test_page_size_up_to_500(api):
    body = api.get("/api/v1/organizations/?page_size=2").json()
    assert len(body["results"]) == 2
    assert "page=2" in body["next"]
    assert api.get("/api/v1/organizations/?page_size=500").status_code == 200


@pytest.mark.parametrize("size", ["501", "100000", "0", "-1", "many"])
def test_page_size_out_of_range_is_refused(api, size):
    response = api.get(f"/api/v1/mechanisms/?page_size={size}")
    assert response.status_code == 400
    assert "500" in messages(response, "page_size")[0]


@pytest.mark.parametrize("page", ["9999", "abc", "0", "-1"])
@pytest.mark.parametrize("fmt", ["json", "csv", "api"])
def test_malformed_page_is_a_400_naming_page_in_every_format(api, page, fmt):
    """Regression (issue 16): ?page=9999 and ?page=abc were 404s, and with ?format=csv
    the error body was CSV a script would read as data."""
    response = api.get(f"/api/v1/mechanisms/?page={page}&format={fmt}")
    assert response.status_code == 400
    if fmt != "api":
        assert response["Content-Type"] == "application/json"
        assert fields(response) == {"page"}


@pytest.mark.parametrize("endpoint", sorted(LIST_FIELDS))
def test_every_list_has_csv(api, endpoint):
    factories.response()
    factories.published_figure()
    factories.reference()
    factories.meeting()
    response = api.get(f"/api/v1/{endpoint}/?format=csv&page=1&page_size=500")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert len(rows) == api.get(f"/api/v1/{endpoint}/?page_size=500").json()["count"]
    assert LIST_FIELDS[endpoint] <= set(rows[0])


def test_csv_is_flat_with_natural_keys_and_keeps_non_ascii(api):
    mechanism = factories.mechanism(slug="apitest-suramerica", name="Suramérica Abierta")
    mechanism.regions.add(factories.region())
    response = api.get("/api/v1/mechanisms/?format=csv&search=apitest-suramerica")
    text = response.getvalue().decode("utf-8")
    assert "Suramérica Abierta" in text
    rows = list(csv.DictReader(io.StringIO(text)))
    row = next(r for r in rows if r["slug"] == "apitest-suramerica")
    assert row["name"] == "Suramérica Abierta"
    assert set(row["regions"].split("|")) == {r.slug for r in mechanism.regions.all()}
    assert row["objectives"] == "10"
    assert row["sources"] == "iom-note-final-gcm"
    assert 'filename="mechanism.csv"' in response["Content-Disposition"]


def test_csv_paging_travels_in_the_link_header(api):
    response = api.get("/api/v1/organizations/?format=csv&page=1&page_size=2")
    assert 'rel="next"' in response["Link"]
    assert int(response["X-Total-Count"]) > 2


def test_schema_validates_without_warnings():
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_schema_documents_filters_and_page_size_limit(api):
    schema = api.get("/api/schema/?format=json").json()
    assert schema["openapi"].startswith("3.")
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/mechanisms/"]["get"]["parameters"]}
    assert {"kind", "status", "region", "objective", "search", "ordering", "page_size"} <= set(
        parameters
    )
    assert parameters["page_size"]["schema"]["maximum"] == 500
    assert "/api/v1/surveys/{slug}/results/" in schema["paths"]


def test_docs_page_renders_with_no_external_host(api):
    response = api.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert urls
    assert all(not re.match(r"^(https?:)?//", url) for url in urls), urls
    # The start-up script is served by us too, and names no external host either.
    script = next(url for url in urls if "script" in url)
    script_body = api.get(script).content.decode()
    assert "/api/schema/" in script_body
    assert not re.search(r"https?://(?!localhost|testserver)", script_body)
