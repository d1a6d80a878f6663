"""Concurrent editors (issue 14, item 1): writes checked against the version the client
read (ETag / If-Match, 412), and a PATCH writes only the fields it names."""

import re
import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from rest_framework.test import APIClient

from core.groups import ensure_groups
from mechanisms.api.serializers import MechanismDetailSerializer
from mechanisms.models import Mechanism, Region

URL = "/api/v1/mechanisms/gfmd/"


@pytest.mark.django_db
def test_a_record_read_carries_its_version(editor_api):
    first = editor_api.get(URL)
    assert re.fullmatch(r'"[0-9a-f]{32}"', first["ETag"])
    assert editor_api.get(URL)["ETag"] == first["ETag"]
    changed = editor_api.patch(URL, {"acronym": "GFMD2"}, format="json")
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert editor_api.get(URL)["ETag"] == changed["ETag"]
    # A change of a relation is a new version too.
    etag = changed["ETag"]
    editor_api.patch(URL, {"regions": ["africa"]}, format="json")
    assert editor_api.get(URL)["ETag"] != etag


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "body"),
    [("patch", {"name": "Stale write"}), ("put", None), ("delete", None)],
)
def test_a_write_against_an_old_version_is_refused(editor_api, method, body):
    stale = editor_api.get(URL)["ETag"]
    if body is None and method == "put":
        body = {**editor_api.get(URL).json(), "name": "Stale write"}
        body = {k: body[k] for k in ("slug", "name", "kind", "status", "regions", "sources")}
    # Someone else saves meanwhile.
    assert editor_api.patch(URL, {"acronym": "OTHER"}, format="json").status_code == 200
    before = editor_api.get(URL).json()
    response = getattr(editor_api, method)(URL, body, format="json", HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    assert response["Content-Type"].startswith("application/json")
    assert "changed since you read it" in response.json()["detail"]
    # The error handler shapes it; the code it carries is this one.
    from core.api.versions import PreconditionFailed

    assert PreconditionFailed.default_code == "precondition_failed"
    assert editor_api.get(URL).json() == before  # nothing changed, nothing deleted


@pytest.mark.django_db
@pytest.mark.parametrize("if_match", ["current", "*", "weak", None])
def test_a_write_with_the_current_version_or_none_is_applied(editor_api, if_match):
    """Without If-Match a write is applied as before (analysts' scripts send none)."""
    etag = editor_api.get(URL)["ETag"]
    headers = {
        "current": {"HTTP_IF_MATCH": etag},
        "*": {"HTTP_IF_MATCH": "*"},
        "weak": {"HTTP_IF_MATCH": f'W/{etag}, "other"'},
        None: {},
    }[if_match]
    response = editor_api.patch(URL, {"name": "Fresh write"}, format="json", **headers)
    assert response.status_code == 200, response.content
    assert Mechanism.objects.get(slug="gfmd").name == "Fresh write"


@pytest.mark.django_db
def test_a_garbled_if_match_is_refused(editor_api):
    response = editor_api.patch(URL, {"name": "X"}, format="json", HTTP_IF_MATCH="garbage")
    assert response.status_code == 412


@pytest.mark.django_db
def test_a_patch_writes_only_the_fields_it_names(rf):
    """The row as another editor left it after this request read it keeps their value."""
    mechanism = Mechanism.objects.get(slug="gfmd")
    regions_before = set(mechanism.regions.values_list("slug", flat=True))
    # Another request saves the acronym and the regions after this one read the row.
    Mechanism.objects.filter(pk=mechanism.pk).update(acronym="THEIRS")
    Mechanism.objects.get(pk=mechanism.pk).regions.add(Region.objects.get(slug="middle-east"))
    serializer = MechanismDetailSerializer(mechanism, data={"name": "Mine"}, partial=True)
    assert serializer.is_valid(), serializer.errors
    serializer.save()
    stored = Mechanism.objects.get(pk=mechanism.pk)
    assert (stored.name, stored.acronym) == ("Mine", "THEIRS")
    assert set(stored.regions.values_list("slug", flat=True)) == regions_before | {"middle-east"}


@pytest.mark.django_db
def test_the_schema_documents_if_match_412_and_etag(api):
    schema = api.get("/api/schema/?format=json").json()
    detail = schema["paths"]["/api/v1/mechanisms/{slug}/"]
    for method in ("put", "patch", "delete"):
        names = [p["name"] for p in detail[method]["parameters"] if p["in"] == "header"]
        assert "If-Match" in names, method
        assert "412" in detail[method]["responses"], method
    assert "ETag" in detail["get"]["responses"]["200"]["headers"]


# --- Two editors at once, on PostgreSQL ------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL")
def test_two_editors_patching_different_fields_both_land(transactional_db, django_user_model):
    """Regression: two editors PATCHing different fields of one mechanism, 25 each at once,
    lost one of them (every request answered 200) and history kept the stale values."""
    ensure_groups()
    user = django_user_model.objects.create_user("concurrent", password="concurrent-123")
    user.groups.add(Group.objects.get(name="Editors"))
    mechanism = Mechanism.objects.create(slug="race", name="name-0", acronym="acr-0", kind="rcp")
    writes = 25
    barrier = threading.Barrier(2)
    statuses = []

    def editor(field):
        client = APIClient()
        client.force_authenticate(user)
        barrier.wait()
        try:
            for n in range(1, writes + 1):
                prefix = "name" if field == "name" else "acr"
                response = client.patch(
                    "/api/v1/mechanisms/race/", {field: f"{prefix}-{n}"}, format="json"
                )
                statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=editor, args=(f,)) for f in ("name", "acronym")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert statuses == [200] * (2 * writes)
    stored = Mechanism.objects.get(pk=mechanism.pk)
    assert (stored.name, stored.acronym) == (f"name-{writes}", f"acr-{writes}")
    # History: each version holds the values as they were then, never an older one again.
    versions = list(stored.history.order_by("history_date", "history_id"))
    assert len(versions) == 1 + 2 * writes
    names = [int(v.name.split("-")[1]) for v in versions]
    acronyms = [int(v.acronym.split("-")[1]) for v in versions]
    assert names == sorted(names) and acronyms == sorted(acronyms)
    assert (versions[-1].name, versions[-1].acronym) == (stored.name, stored.acronym)
