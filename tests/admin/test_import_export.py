"""CSV/XLSX import of mechanisms and references: all rows or none, errors named per row."""

import io

import openpyxl
import pytest
import tablib
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from import_export.formats import base_formats

from gcm.models import Reference
from mechanisms.models import Mechanism, Region

from .conftest import admin_url

pytestmark = pytest.mark.django_db

GOOD_MECHANISMS = (
    "slug,acronym,name,kind,status,regions,sources\n"
    "test-imp-a,TIA,Imported A,rcp,active,test-region,iom-note-final-gcm\n"
    "test-imp-b,TIB,Imported B,irf,,test-region,\n"
)


def format_index(model, format_class):
    formats = admin.site._registry[model].get_import_formats()
    return formats.index(format_class)


def upload(client, model, content, name="upload.csv", format_class=base_formats.CSV):
    data = content.encode() if isinstance(content, str) else content
    return client.post(
        admin_url(model, "import"),
        {
            "resource": "0",
            "format": str(format_index(model, format_class)),
            "import_file": SimpleUploadedFile(name, data),
        },
    )


def confirm(client, model, preview):
    assert preview.status_code == 200, preview.text
    initial = preview.context["confirm_form"].initial
    data = {k: v for k, v in initial.items() if v is not None}
    return client.post(admin_url(model, "process_import"), data)


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("test-imp-c,TIC,Imported C,rcp,active,atlantis,", "Unknown regions: &#x27;atlantis&#x27;"),
        ("test-imp-c,TIC,Imported C,continental,,,", "Value &#x27;continental&#x27; is not"),
        ("test-imp-c,TIC,Imported C,rcp,,,no-such-note", "Unknown documents"),
    ],
    ids=["unknown region", "invalid kind", "unknown source"],
)
def test_import_with_one_bad_row_imports_nothing_and_names_the_row(
    admin_client, records, bad_row, message
):
    response = upload(admin_client, Mechanism, GOOD_MECHANISMS + bad_row + "\n")

    assert response.status_code == 400
    assert message in response.text
    assert "confirm_form" not in response.context or not response.context["confirm_form"]
    assert not Mechanism.objects.filter(slug__startswith="test-imp-").exists()


def test_good_import_creates_rows_with_history_naming_the_importer(
    admin_client, admin_user, records
):
    preview = upload(admin_client, Mechanism, GOOD_MECHANISMS)
    assert not Mechanism.objects.filter(slug__startswith="test-imp-").exists()  # a dry run

    response = confirm(admin_client, Mechanism, preview)

    assert response.status_code == 302
    a = Mechanism.objects.get(slug="test-imp-a")
    assert (a.name, a.kind, a.status) == ("Imported A", "rcp", "active")
    assert list(a.regions.values_list("slug", flat=True)) == ["test-region"]
    assert list(a.sources.values_list("slug", flat=True)) == ["iom-note-final-gcm"]
    for mechanism in Mechanism.objects.filter(slug__startswith="test-imp-"):
        history = list(mechanism.history.all())
        assert history[-1].history_type == "+"
        assert {h.history_user for h in history} == {admin_user}


def test_import_updates_an_existing_mechanism_by_slug(admin_client, records):
    csv = "slug,name,kind,regions\ntest-process,Test Process (renamed),rcp,test-region\n"
    response = confirm(admin_client, Mechanism, upload(admin_client, Mechanism, csv))
    assert response.status_code == 302
    assert Mechanism.objects.filter(slug="test-process").count() == 1
    assert Mechanism.objects.get(slug="test-process").name == "Test Process (renamed)"


def test_row_failing_at_confirm_rolls_back_the_whole_file(admin_client, records):
    """The data may change between preview and confirm: the confirm step is all-or-none too."""
    Region.objects.create(slug="test-vanishing", name="Vanishing region")
    csv = GOOD_MECHANISMS + "test-imp-c,TIC,Imported C,rcp,,test-vanishing,\n"
    preview = upload(admin_client, Mechanism, csv)
    Region.objects.get(slug="test-vanishing").delete()

    response = confirm(admin_client, Mechanism, preview)

    assert response.status_code == 400
    assert "Nothing was imported" in response.text
    assert "test-vanishing" in response.text
    assert not Mechanism.objects.filter(slug__startswith="test-imp-").exists()


def test_xlsx_import_works_too(admin_client, records):
    book = openpyxl.Workbook()
    sheet = book.active
    for line in GOOD_MECHANISMS.strip().splitlines():
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    book.save(buffer)

    preview = upload(admin_client, Mechanism, buffer.getvalue(), "upload.xlsx", base_formats.XLSX)
    assert confirm(admin_client, Mechanism, preview).status_code == 302
    assert Mechanism.objects.filter(slug__startswith="test-imp-").count() == 2


def test_reference_import_derives_the_objective_and_links_mechanisms(admin_client, records):
    csv = (
        "document,paragraph,wording,group,mechanisms,objective,sources\n"
        "gcm-final,39,an imported wording,iscm,test-named|test-process,,iom-note-final-gcm\n"
    )
    response = confirm(admin_client, Reference, upload(admin_client, Reference, csv))

    assert response.status_code == 302
    reference = Reference.objects.get(wording="an imported wording")
    assert reference.objective.number == 23  # final GCM: objective n is §16+n
    assert sorted(reference.mechanisms.values_list("slug", flat=True)) == [
        "test-named",
        "test-process",
    ]


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("gcm-final,39,second,nonsense,,,", "Value &#x27;nonsense&#x27; is not"),
        ("no-such-text,39,second,iscm,,,", "No document with slug &#x27;no-such-text&#x27;"),
        ("gcm-final,39,second,iscm,atlantis-process,,", "Unknown mechanisms"),
        ("gcm-final,39,second,iscm,,5,", "belongs to objective 23"),
    ],
    ids=["invalid group", "unknown document", "unknown mechanism", "wrong objective"],
)
def test_reference_import_with_a_bad_row_imports_nothing(admin_client, records, bad_row, message):
    csv = (
        "document,paragraph,wording,group,mechanisms,objective,sources\n"
        "gcm-final,39,first,iscm,test-named,,\n" + bad_row + "\n"
    )
    before = Reference.objects.count()
    response = upload(admin_client, Reference, csv)

    assert response.status_code == 400
    assert message in response.text
    assert Reference.objects.count() == before


def test_export_writes_natural_keys(admin_client, records):
    page = admin_client.get(admin_url(Mechanism, "export"))
    form = page.context["form"]
    data = {name: "on" for name in form.fields if name.startswith("mechanismresource_")}
    formats = admin.site._registry[Mechanism].get_export_formats()
    data.update(resource="0", format=str(formats.index(base_formats.CSV)))

    response = admin_client.post(admin_url(Mechanism, "export"), data)

    assert response.status_code == 200
    rows = tablib.Dataset().load(response.content.decode(), format="csv").dict
    row = next(r for r in rows if r["slug"] == "test-process")
    assert row["regions"] == "test-region"
    assert row["sources"] == "iom-note-final-gcm"
    assert row["kind"] == "rcp"


# --- Issue 15: errors in plain view, valid values named, display labels accepted ----------


def test_every_row_error_is_in_plain_view_with_the_valid_values(admin_client, records):
    csv = (
        "slug,acronym,name,kind,status,regions,year_established\n"
        "test-imp-a,TIA,Imported A,continental,active,test-region,\n"
        "test-imp-b,TIB,Imported B,rcp,asleep,atlantis,\n"
        "test-imp-c,TIC,Imported C,rcp,active,,nineteen-ninety\n"
    )
    response = upload(admin_client, Mechanism, csv)

    assert response.status_code == 400
    text = response.text
    assert "Nothing was imported: 3 rows of the file have errors." in text
    errors = text.split('id="import-errors"', 1)[1].split("</ul>\n  <h2>", 1)[0]
    # Each error is in the page's text, not in a hover box, with the values that would do.
    assert "validation-error-container" not in text
    assert "Row 1" in errors and "Row 2" in errors and "Row 3" in errors
    assert "Valid values: rcp (Regional consultative process (RCP))" in errors
    assert "active (Active), dormant (Dormant), emerging (Emerging) or leave it empty" in errors
    assert "Unknown regions: &#x27;atlantis&#x27;. Valid values: " in errors
    assert "test-region (Test region)" in errors
    # A word where a year belongs is a plain message, and the other rows' errors still show.
    assert "&#x27;nineteen-ninety&#x27; is not a number" in errors
    assert "ConversionSyntax" not in text
    assert not Mechanism.objects.filter(slug__startswith="test-imp-").exists()


def test_import_accepts_the_labels_the_admin_and_export_show(admin_client, records):
    csv = (
        "slug,name,kind,status,regions,year_established\n"
        "test-imp-a,Imported A,Regional consultative process (RCP),Active,Test Region,2005\n"
        "test-imp-b,Imported B,IRF,DORMANT,test-region,\n"
    )
    preview = upload(admin_client, Mechanism, csv)
    assert preview.status_code == 200, preview.text
    assert "Preview only: nothing has been imported yet." in preview.text
    assert not Mechanism.objects.filter(slug__startswith="test-imp-").exists()

    assert confirm(admin_client, Mechanism, preview).status_code == 302

    a = Mechanism.objects.get(slug="test-imp-a")
    assert (a.kind, a.status, a.year_established) == ("rcp", "active", 2005)
    assert list(a.regions.values_list("slug", flat=True)) == ["test-region"]
    assert Mechanism.objects.get(slug="test-imp-b").status == "dormant"
