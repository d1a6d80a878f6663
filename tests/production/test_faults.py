"""Faults: the health check, a database outage, and a write that fails half-way."""

import pytest
from django.db import OperationalError, connection
from django.db.models.signals import m2m_changed
from django.test import Client, RequestFactory

from mechanisms.models import Mechanism
from ops.views import server_error


def refuse(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def database_down(db):
    """Every new cursor fails as a dropped PostgreSQL connection would. Restored before the
    test's own transaction is rolled back (monkeypatch may be undone too late for that)."""
    connection.cursor = refuse
    yield
    del connection.cursor


@pytest.fixture
def lenient_client():
    """A client that returns the 500/503 response instead of re-raising the exception."""
    return Client(raise_request_exception=False)


def test_healthz_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in response.headers["Cache-Control"]


def test_healthz_503_when_database_unreachable(lenient_client, db, database_down):
    response = lenient_client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.parametrize("path", ["/", "/mechanisms/", "/objectives/"])
def test_outage_on_a_page_is_a_503_page(lenient_client, db, database_down, path):
    response = lenient_client.get(path)
    assert response.status_code == 503
    assert response.headers["Content-Type"].startswith("text/html")
    assert response.headers["Retry-After"]
    body = response.content.decode()
    assert "temporarily unavailable" in body
    assert "Traceback" not in body and "OperationalError" not in body
    # The outage page still carries the security headers.
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_outage_in_the_admin_for_a_logged_in_editor(lenient_client, editor):
    lenient_client.force_login(editor)
    connection.cursor = refuse
    try:
        response = lenient_client.get("/admin/")
    finally:
        del connection.cursor
    assert response.status_code == 503
    assert b"temporarily unavailable" in response.content


@pytest.mark.parametrize("path", ["/api/v1/mechanisms/", "/api/v1/mechanisms/rabat-process/"])
def test_outage_on_the_api_is_a_503_json(lenient_client, db, database_down, path):
    response = lenient_client.get(path)
    assert response.status_code == 503
    assert response.headers["Content-Type"] == "application/json"
    assert "unavailable" in response.json()["detail"]


def test_outage_outside_a_view_answers_503():
    """handler500 recognises an outage raised where no view runs (e.g. session save)."""
    request = RequestFactory().get("/mechanisms/")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503


def test_other_errors_stay_500():
    request = RequestFactory().get("/mechanisms/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500


def test_write_failing_half_way_leaves_no_rows(lenient_client, editor):
    """The API creates the mechanism row (and its history row), then sets its regions and
    sources; a failure while linking them must roll back the mechanism too."""

    def fail_while_linking(sender, action, **kwargs):
        if action == "pre_add":
            raise RuntimeError("disk full")

    m2m_changed.connect(fail_while_linking, sender=Mechanism.regions.through)
    history_before = Mechanism.history.count()
    lenient_client.force_login(editor)
    try:
        response = lenient_client.post(
            "/api/v1/mechanisms/",
            {
                "slug": "half-written-process",
                "name": "Half-written Process",
                "regions": ["africa"],
                "sources": ["iom-note-final-gcm"],
            },
            content_type="application/json",
        )
    finally:
        m2m_changed.disconnect(fail_while_linking, sender=Mechanism.regions.through)
    assert response.status_code == 500
    assert not Mechanism.objects.filter(slug="half-written-process").exists()
    assert Mechanism.history.count() == history_before


def test_same_write_succeeds_without_the_fault(client, editor):
    """Control for the test above: the payload itself is valid."""
    client.force_login(editor)
    response = client.post(
        "/api/v1/mechanisms/",
        {
            "slug": "half-written-process",
            "name": "Half-written Process",
            "regions": ["africa"],
            "sources": ["iom-note-final-gcm"],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    mechanism = Mechanism.objects.get(slug="half-written-process")
    assert [r.slug for r in mechanism.regions.all()] == ["africa"]


@pytest.mark.parametrize("path", ["/api/v1/no-such-resource/", "/api/v1/meetings/not-a-number/"])
def test_unknown_api_path_is_json_404(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json() == {
        "detail": "Not found.",
        "errors": [{"field": None, "code": "not_found", "message": "Not found."}],
    }


def test_unknown_page_is_still_the_html_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("text/html")
