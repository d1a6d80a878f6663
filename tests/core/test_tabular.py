"""Formula injection (issue 14, item 4): every CSV and XLSX the registry writes escapes a
formula-leading text the same way (core.tabular), so ``=1+2`` is never a live cell."""

import csv
import io
import zipfile

import openpyxl
import pytest
from django.contrib import admin
from import_export.formats import base_formats

from core.tabular import safe_cell, unescape_cell
from mechanisms.models import Mechanism
from tests.api import factories

pytestmark = pytest.mark.django_db

FORMULA = "=1+2"
HYPERLINK = '@HYPERLINK("http://evil.example","x")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+1+2", "'+1+2"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("plain text", "plain text"),
        ("a=1", "a=1"),
        ("", ""),
        # Numbers are data, not formulas (decimals travel as strings).
        ("-12.50", "-12.50"),
        ("+3", "+3"),
        (-5, -5),
        (None, None),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected
    assert unescape_cell(safe_cell(value)) == value


@pytest.fixture
def hostile():
    return factories.mechanism(slug="formula-test", name=FORMULA, acronym=HYPERLINK)


def csv_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def test_public_directory_csv(client, hostile):
    response = client.get("/mechanisms/?format=csv")
    row = next(r for r in csv_rows(response.content) if r["slug"] == "formula-test")
    assert row["name"] == "'" + FORMULA
    assert row["acronym"] == "'" + HYPERLINK


@pytest.mark.parametrize(
    "url",
    ["/api/v1/mechanisms/?format=csv", "/api/v1/mechanisms/formula-test/?format=csv"],
)
def test_api_csv(client, hostile, url):
    rows = csv_rows(client.get(url).getvalue())
    row = next(r for r in rows if r["slug"] == "formula-test")
    assert row["name"] == "'" + FORMULA
    assert row["acronym"] == "'" + HYPERLINK


def admin_export(admin_client, format_class):
    url = "/admin/mechanisms/mechanism/export/"
    form = admin_client.get(url).context["form"]
    data = {name: "on" for name in form.fields if name.startswith("mechanismresource_")}
    formats = admin.site._registry[Mechanism].get_export_formats()
    data.update(resource="0", format=str(formats.index(format_class)))
    response = admin_client.post(url, data)
    assert response.status_code == 200
    return response.content


def test_admin_csv_export(admin_client, hostile):
    row = next(
        r
        for r in csv_rows(admin_export(admin_client, base_formats.CSV))
        if r["slug"] == "formula-test"
    )
    assert row["name"] == "'" + FORMULA


def test_admin_xlsx_export_has_no_live_formula(admin_client, hostile):
    sheet = openpyxl.load_workbook(io.BytesIO(admin_export(admin_client, base_formats.XLSX))).active
    header = [cell.value for cell in sheet[1]]
    name_column = header.index("name")
    row = next(
        r for r in sheet.iter_rows(min_row=2) if r[header.index("slug")].value == "formula-test"
    )
    assert row[name_column].value == "'" + FORMULA
    assert row[name_column].data_type == "s"
    assert not any(cell.data_type == "f" for r in sheet.iter_rows() for cell in r)


def test_admin_export_imports_back_unchanged(admin_client, hostile):
    """An exported file, imported again, restores the texts as they were."""
    from tests.admin.test_import_export import upload

    content = admin_export(admin_client, base_formats.CSV).decode()
    hostile.name = "changed"
    hostile.save()
    preview = upload(admin_client, Mechanism, content)
    assert preview.status_code == 200
    confirm = preview.context["confirm_form"]
    admin_client.post("/admin/mechanisms/mechanism/process_import/", confirm.initial)
    assert Mechanism.objects.get(slug="formula-test").name == FORMULA


def test_dump_csv(client, hostile):
    response = client.get("/api/v1/dump/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    rows = csv_rows(archive.read("csv/mechanisms_mechanism.csv"))
    row = next(r for r in rows if r["slug"] == "formula-test")
    assert row["name"] == "'" + FORMULA
