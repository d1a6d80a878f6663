"""Writes: the permission matrix, validation naming the field, 409 deletes, history with user."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gcm.models import Reference
from mechanisms.models import Mechanism
from tests.api import factories
from tests.api.errors import fields, messages

pytestmark = pytest.mark.django_db

NEW_MECHANISM = {
    "slug": "apitest-new",
    "acronym": "ATN",
    "name": "Apitest New Process",
    "kind": "rcp",
    "status": "emerging",
    "regions": ["africa", "middle-east"],
    "sources": ["iom-note-final-gcm"],
}


# --- Permission matrix -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/api/v1/mechanisms/", "/api/v1/mechanisms/gfmd/", "/api/v1/references/", "/api/v1/"],
)
def test_anonymous_reads(api, url):
    assert api.get(url).status_code == 200


def test_anonymous_cannot_write(api):
    assert api.post("/api/v1/mechanisms/", NEW_MECHANISM, format="json").status_code in (401, 403)
    assert api.patch("/api/v1/mechanisms/gfmd/", {"name": "X"}, format="json").status_code in (
        401,
        403,
    )
    assert api.delete("/api/v1/mechanisms/gfmd/").status_code in (401, 403)
    assert not Mechanism.objects.filter(slug="apitest-new").exists()
    assert Mechanism.objects.get(slug="gfmd").name != "X"


def test_viewer_reads_but_cannot_write(viewer_api):
    assert viewer_api.get("/api/v1/mechanisms/").status_code == 200
    assert viewer_api.post("/api/v1/mechanisms/", NEW_MECHANISM, format="json").status_code == 403
    assert viewer_api.delete("/api/v1/mechanisms/gfmd/").status_code == 403
    assert not Mechanism.objects.filter(slug="apitest-new").exists()


def test_editor_creates_updates_and_deletes(editor_api):
    response = editor_api.post("/api/v1/mechanisms/", NEW_MECHANISM, format="json")
    assert response.status_code == 201, response.content
    created = Mechanism.objects.get(slug="apitest-new")
    assert {r.slug for r in created.regions.all()} == {"africa", "middle-east"}

    response = editor_api.patch(
        "/api/v1/mechanisms/apitest-new/", {"status": "active"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "active"

    assert editor_api.delete("/api/v1/mechanisms/apitest-new/").status_code == 204
    assert not Mechanism.objects.filter(slug="apitest-new").exists()


def test_token_authentication(editor):
    token = Token.objects.create(user=editor)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.post("/api/v1/mechanisms/", NEW_MECHANISM, format="json")
    assert response.status_code == 201, response.content
    history = Mechanism.objects.get(slug="apitest-new").history.first()
    assert history.history_user == editor

    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    # 403 rather than 401 because session authentication is tried first (DRF gives 403 then).
    assert client.get("/api/v1/mechanisms/").status_code in (401, 403)


def test_session_authentication_needs_csrf(editor):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post("/api/v1/mechanisms/", NEW_MECHANISM, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


# --- Validation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "planet"}, "kind"),
        ({"regions": ["atlantis"]}, "regions"),
        ({"year_established": 1200}, "year_established"),
        ({"sources": ["gcm-final"]}, "sources"),
        ({"name": ""}, "name"),
        # JSON of the wrong type is refused, not coerced: 0 is no name, "1990" no year.
        ({"name": 0}, "name"),
        ({"year_established": "1990"}, "year_established"),
        ({"year_established": True}, "year_established"),
        ({"regions": {"africa": 1}}, "regions"),
        ({"regions": [1]}, "regions"),
        ({"kind": ["rcp"]}, "kind"),
        # Too long as sent, even if trimming the whitespace would make it fit.
        ({"acronym": "A" + " " * 60}, "acronym"),
    ],
)
def test_validation_error_names_the_field(editor_api, change, field):
    response = editor_api.post("/api/v1/mechanisms/", {**NEW_MECHANISM, **change}, format="json")
    assert response.status_code == 400
    assert field in fields(response)
    assert not Mechanism.objects.filter(name=NEW_MECHANISM["name"]).exists()


def test_duplicate_key_is_a_conflict_naming_the_field(editor_api):
    response = editor_api.post(
        "/api/v1/mechanisms/", {**NEW_MECHANISM, "slug": "gfmd"}, format="json"
    )
    assert response.status_code == 409
    assert "slug" in fields(response)
    assert not Mechanism.objects.filter(name=NEW_MECHANISM["name"]).exists()


def test_duplicate_key_beside_another_error_is_a_400(editor_api):
    body = {**NEW_MECHANISM, "slug": "gfmd", "kind": "planet"}
    response = editor_api.post("/api/v1/mechanisms/", body, format="json")
    assert response.status_code == 400
    assert {"slug", "kind"} <= fields(response)


def test_form_encoded_body_is_refused_with_415(editor_api):
    response = editor_api.post("/api/v1/mechanisms/", NEW_MECHANISM, format="multipart")
    assert response.status_code == 415
    assert "Unsupported media type" in response.json()["detail"]
    assert not Mechanism.objects.filter(name=NEW_MECHANISM["name"]).exists()


def test_reference_write_derives_objective_from_paragraph(editor_api):
    body = {
        "document": "gcm-final",
        "paragraph": "22b",
        "wording": "apitest derived",
        "group": "iscm",
        "mechanisms": ["gfmd"],
        "sources": ["iom-note-final-gcm"],
    }
    response = editor_api.post("/api/v1/references/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["objective"] == 6
    assert Reference.objects.get(wording="apitest derived").paragraph_number == 22


def test_reference_objective_follows_the_paragraph_whatever_the_body_says(editor_api):
    body = {
        "document": "gcm-final",
        "paragraph": "22",
        "wording": "apitest contradiction",
        "group": "iscm",
        "objective": 7,
    }
    response = editor_api.post("/api/v1/references/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["objective"] == 6
    # Moving the reference to another paragraph moves its objective, even when the client
    # sends back the objective it read.
    moved = {**response.json(), "paragraph": "47"}
    response = editor_api.put(f"/api/v1/references/{moved['id']}/", moved, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["objective"] is None  # §47 states no objective


# --- Deletes and history ---------------------------------------------------------------


def test_deleting_a_referenced_record_is_409_naming_the_referrer(editor_api):
    mechanism = factories.mechanism()
    reference = factories.reference()
    reference.mechanisms.add(mechanism)
    response = editor_api.delete(f"/api/v1/mechanisms/{mechanism.slug}/")
    assert response.status_code == 409
    body = response.json()
    assert reference.wording in body["detail"]
    assert body["referenced_by"]
    assert Mechanism.objects.filter(slug=mechanism.slug).exists()
    assert reference.mechanisms.filter(pk=mechanism.pk).exists()


def test_deleting_a_seeded_objective_is_409(editor_api):
    response = editor_api.delete("/api/v1/objectives/6/")
    assert response.status_code == 409
    assert "detail" in response.json()


def test_every_write_lands_in_history_with_the_user(editor_api, editor):
    editor_api.post("/api/v1/mechanisms/", NEW_MECHANISM, format="json")
    editor_api.patch(
        "/api/v1/mechanisms/apitest-new/",
        {"name": "Apitest Renamed", "regions": ["americas"]},
        format="json",
    )
    history = list(Mechanism.history.filter(slug="apitest-new").order_by("history_date"))
    assert [h.history_type for h in history][:1] == ["+"]
    assert history[-1].name == "Apitest Renamed"
    assert all(h.history_user == editor for h in history)
    # Many-to-many changes are in the history too: the latest version has the new region.
    latest = Mechanism.objects.get(slug="apitest-new").history.latest()
    assert [r.region.slug for r in latest.regions.all()] == ["americas"]

    editor_api.delete("/api/v1/mechanisms/apitest-new/")
    deleted = Mechanism.history.filter(slug="apitest-new", history_type="-").get()
    assert deleted.history_user == editor


def test_failed_write_leaves_no_history(editor_api):
    before = Mechanism.history.count()
    editor_api.post(
        "/api/v1/mechanisms/", {**NEW_MECHANISM, "regions": ["atlantis"]}, format="json"
    )
    assert Mechanism.history.count() == before


# --- Throttling ------------------------------------------------------------------------


def test_anonymous_clients_are_throttled(api, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    statuses = [api.get("/api/v1/regions/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


# --- Keys are permanent; values are what the schema says -------------------------------


@pytest.mark.parametrize("method", ["put", "patch"])
def test_a_records_key_cannot_be_changed_through_the_api(editor_api, method):
    editor_api.post("/api/v1/mechanisms/", NEW_MECHANISM, format="json")
    body = {**NEW_MECHANISM, "slug": "apitest-renamed", "acronym": "ATR"}
    response = getattr(editor_api, method)("/api/v1/mechanisms/apitest-new/", body, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["slug"] == "apitest-new"
    assert Mechanism.objects.get(slug="apitest-new").acronym == "ATR"
    assert not Mechanism.objects.filter(slug="apitest-renamed").exists()


def test_a_new_records_key_is_still_written(editor_api):
    response = editor_api.post("/api/v1/meetings/", {"number": 99, "title": "X"}, format="json")
    assert response.status_code == 201, response.content
    assert editor_api.get("/api/v1/meetings/99/").status_code == 200


@pytest.mark.parametrize(
    ("website", "status"),
    [
        ("https://www.iom.int/regional-consultative-processes", 200),
        ("", 200),
        ("ftp://example.org/", 400),
        ("https://10.0.0.1/", 400),
        ("https://" + "a" * 64 + ".org/", 400),
        ("not a web address", 400),
        ("https://example.org/a\x08", 400),  # a control character
    ],
)
def test_web_addresses_are_http_with_a_host_name(editor_api, website, status):
    response = editor_api.patch("/api/v1/mechanisms/gfmd/", {"website": website}, format="json")
    assert response.status_code == status, response.content
    if status == 400:
        assert "website" in fields(response)


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("12.5", 200),
        ("0", 200),
        (".75", 200),
        ("-1", 400),
        ("12.555", 400),
        ("", 400),
        ("1e3", 400),
        (12.5, 400),
        ("123456", 400),
    ],
)
def test_published_figure_values_are_decimal_strings(editor_api, value, status):
    from surveys.models import PublishedFigure

    figure = PublishedFigure.objects.first()
    before = figure.value
    response = editor_api.patch(
        f"/api/v1/published-figures/{figure.pk}/", {"value": value}, format="json"
    )
    assert response.status_code == status, response.content
    if status == 400:
        assert "value" in fields(response)
        figure.refresh_from_db()
        assert figure.value == before


def test_an_empty_key_is_not_read_as_null(editor_api):
    from surveys.models import PublishedFigure

    figure = PublishedFigure.objects.exclude(objective=None).first()
    response = editor_api.patch(
        f"/api/v1/published-figures/{figure.pk}/", {"objective": ""}, format="json"
    )
    assert response.status_code == 400
    assert "null" in messages(response, "objective")[0]
    response = editor_api.patch(
        f"/api/v1/published-figures/{figure.pk}/", {"objective": None}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["objective"] is None


def test_principle_letters_run_a_to_j(editor_api):
    response = editor_api.post("/api/v1/principles/", {"letter": "k", "title": "X"}, format="json")
    assert response.status_code == 400
    assert "letter" in fields(response)


def test_text_with_a_nul_character_is_refused(editor_api):
    response = editor_api.patch(
        "/api/v1/mechanisms/gfmd/", {"description": "a\x00b"}, format="json"
    )
    assert response.status_code == 400
    assert "description" in fields(response)


def test_a_note_cannot_become_a_un_text_or_back(editor_api):
    response = editor_api.patch(
        "/api/v1/documents/iom-note-final-gcm/", {"kind": "resolution"}, format="json"
    )
    assert response.status_code == 409
    assert "stays one" in messages(response, "kind")[0]
    response = editor_api.patch("/api/v1/documents/gcm-final/", {"kind": "iom-note"}, format="json")
    assert response.status_code == 409
    # Within UN texts the kind may change.
    response = editor_api.patch("/api/v1/documents/gcm-final/", {"kind": "draft"}, format="json")
    assert response.status_code == 200, response.content
