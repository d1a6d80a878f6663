"""``?format=csv`` without ``?page=`` is every matching row, streamed in batches
(regression, issue 16: ``pandas.read_csv(".../references/?document=gcm-final&format=csv")``
read 50 of 118 rows; the paging lived in headers a CSV reader never sees)."""

import io
import json

import pandas
import pytest

import core.api.renderers
from core.api.views import WholeCSVMixin
from iscm_registry.api import router
from tests.api import factories
from tests.api.test_contract import LIST_FIELDS

pytestmark = pytest.mark.django_db


def _json_rows(api, url):
    rows, page = [], 1
    while True:
        body = api.get(f"{url}{'&' if '?' in url else '?'}page_size=500&page={page}").json()
        rows += body["results"]
        if not body["next"]:
            return rows
        page += 1


ENDPOINTS = sorted(prefix for prefix, _viewset, _basename in router.registry)


def test_every_list_streams_its_whole_csv():
    for prefix, viewset, _basename in router.registry:
        assert issubclass(viewset, WholeCSVMixin), prefix


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_pandas_reads_every_list_whole(api, endpoint, monkeypatch):
    factories.response()
    factories.published_figure()
    factories.reference()
    factories.meeting()
    monkeypatch.setattr(core.api.renderers, "STREAM_BATCH", 7)  # several batches
    response = api.get(f"/api/v1/{endpoint}/?format=csv")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    frame = pandas.read_csv(io.BytesIO(response.getvalue()), dtype=str, keep_default_na=False)
    rows = _json_rows(api, f"/api/v1/{endpoint}/")
    assert len(frame) == len(rows) == int(response["X-Total-Count"])
    assert LIST_FIELDS.get(endpoint, set()) <= set(frame.columns)
    if "id" in frame.columns:  # same rows, same order as the JSON pages
        assert [int(i) for i in frame["id"]] == [row["id"] for row in rows]


def test_a_filtered_csv_is_every_matching_row(api):
    frame = pandas.read_csv(
        io.BytesIO(api.get("/api/v1/references/?document=gcm-final&format=csv").getvalue())
    )
    count = api.get("/api/v1/references/?document=gcm-final").json()["count"]
    assert count > 50  # more than one default page
    assert len(frame) == count


def test_a_csv_page_is_that_page_only(api):
    response = api.get("/api/v1/references/?format=csv&page=2&page_size=10")
    frame = pandas.read_csv(io.BytesIO(response.content))
    assert len(frame) == 10
    assert 'rel="next"' in response["Link"]


def test_csv_and_json_carry_the_same_columns_and_list_separator(api):
    rows = _json_rows(api, "/api/v1/mechanisms/")
    frame = pandas.read_csv(
        io.BytesIO(api.get("/api/v1/mechanisms/?format=csv").getvalue()),
        dtype=str,
        keep_default_na=False,
    )
    assert list(frame.columns) == list(rows[0])
    by_slug = {row["slug"]: row for row in rows}
    for record in frame.to_dict("records"):
        row = by_slug[record["slug"]]
        assert record["regions"] == "|".join(row["regions"])
        assert record["objectives"] == "|".join(str(n) for n in row["objectives"])


def test_streamed_csv_reads_in_a_bounded_number_of_queries(
    api, monkeypatch, django_assert_max_num_queries
):
    """Queries grow with the number of batches, not rows."""
    monkeypatch.setattr(core.api.renderers, "STREAM_BATCH", 1000)
    with django_assert_max_num_queries(12):
        response = api.get("/api/v1/mechanisms/?format=csv")
        b"".join(response.streaming_content)
    with django_assert_max_num_queries(12):
        response = api.get("/api/v1/responses/?format=csv")
        content = b"".join(response.streaming_content)
    answers = pandas.read_csv(io.BytesIO(content))["answers"]
    assert all(isinstance(json.loads(cell), list) for cell in answers)
