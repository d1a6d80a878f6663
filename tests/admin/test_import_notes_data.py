"""Editors import statements and memberships from CSV: all rows or none, keys by name."""

import pytest
from django.contrib import admin
from import_export.formats import base_formats

from countries.models import Membership
from statements.models import Statement

from .conftest import admin_url
from .test_import_export import confirm, upload

pytestmark = pytest.mark.django_db

HEADER = "slug,kind,text,document,place,event,objectives,mechanisms,countries,sources\n"
GOOD = (
    "test-imp-st,recommendation,Imported text,iom-grcp9-summary-report-2021,Conclusion,grcp-9,"
    "23|10,pidc|rcm,MX,iom-grcp9-summary-report-2021\n"
)


def test_statements_import_with_natural_keys(admin_client):
    response = confirm(admin_client, Statement, upload(admin_client, Statement, HEADER + GOOD))
    assert response.status_code == 302, response.content[:500]
    statement = Statement.objects.get(slug="test-imp-st")
    assert sorted(o.number for o in statement.objectives.all()) == [10, 23]
    assert {m.slug for m in statement.mechanisms.all()} == {"pidc", "rcm"}
    assert statement.event.slug == "grcp-9" and str(statement.countries.get().code) == "MX"
    assert statement.history.first().history_type == "+"


def test_a_bad_statement_row_imports_nothing(admin_client):
    bad = GOOD.replace("23|10", "23|99").replace("test-imp-st", "test-imp-st2")
    response = upload(admin_client, Statement, HEADER + GOOD + bad)
    assert response.status_code == 400
    assert not Statement.objects.filter(slug__startswith="test-imp-st").exists()


def test_memberships_export_and_import_by_iso_code(admin_client):
    form = admin_client.get(admin_url(Membership, "export")).context["form"]
    data = {name: "on" for name in form.fields if name.startswith("membershipresource_")}
    formats = admin.site._registry[Membership].get_export_formats()
    data.update(resource="0", format=str(formats.index(base_formats.CSV)))
    exported = admin_client.post(admin_url(Membership, "export"), data)
    assert exported.status_code == 200
    assert "DO,riam,chair" in exported.content.decode("utf-8")
    csv = (
        "country,mechanism,role,period,year,quote,note,sources\n"
        "KE,rmfm,member,,2021,test quote,,iom-grcp9-summary-report-2021\n"
    )
    assert (
        confirm(admin_client, Membership, upload(admin_client, Membership, csv)).status_code == 302
    )
    assert Membership.objects.get_by_natural_key("KE", "rmfm", "member").quote == "test quote"
