"""Editors curate, Viewers read: the groups the data migration creates."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection

from mechanisms.models import Mechanism

from .conftest import admin_url
from .forms import form_data

pytestmark = pytest.mark.django_db

CURATED_APPS = (
    "sources",
    "mechanisms",
    "gcm",
    "surveys",
    "countries",
    "events",
    "statements",
    "process",
    "secretariats",
)


@pytest.fixture
def staff(request):
    """The ``editor`` or ``viewer`` fixture user, made staff so the admin lets them in."""
    user = request.getfixturevalue(request.param)
    user.is_staff = True
    user.save()
    return user


def curated_models():
    return [
        m
        for label in CURATED_APPS
        for m in apps.get_app_config(label).get_models()
        if not m._meta.model_name.startswith("historical")
    ]


def test_editors_may_add_change_delete_and_view_every_curated_model(editor):
    for model in curated_models():
        for action in ("add", "change", "delete", "view"):
            assert editor.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")


def test_viewers_may_only_view(viewer):
    for model in curated_models():
        opts = model._meta
        assert viewer.has_perm(f"{opts.app_label}.view_{opts.model_name}")
        for action in ("add", "change", "delete"):
            assert not viewer.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


def test_history_rows_are_read_only_even_for_editors(editor):
    assert editor.has_perm("mechanisms.view_historicalmechanism")
    assert not editor.has_perm("mechanisms.change_historicalmechanism")
    assert not editor.has_perm("mechanisms.delete_historicalmechanism")


def test_groups_are_not_given_user_administration():
    for name in ("Editors", "Viewers"):
        labels = set(
            Group.objects.get(name=name).permissions.values_list(
                "content_type__app_label", flat=True
            )
        )
        assert labels <= set(CURATED_APPS)


@pytest.mark.parametrize("staff", ["viewer"], indirect=True)
def test_viewer_reads_but_cannot_write(client, staff, records):
    client.force_login(staff)
    mechanism = records.mechanism
    assert client.get(admin_url(Mechanism, "changelist")).status_code == 200
    page = client.get(admin_url(mechanism, "change"))
    assert page.status_code == 200
    assert client.get(admin_url(mechanism, "history")).status_code == 200

    data = {"slug": "test-process", "name": "Changed by a viewer"}
    assert client.post(admin_url(mechanism, "change"), data).status_code == 403
    assert client.get(admin_url(Mechanism, "add")).status_code == 403
    assert client.post(admin_url(Mechanism, "add"), {"slug": "x", "name": "x"}).status_code == 403
    assert client.post(admin_url(mechanism, "delete"), {"post": "yes"}).status_code == 403
    assert client.get(admin_url(Mechanism, "import")).status_code == 403
    mechanism.refresh_from_db()
    assert mechanism.name == "Test Process"


@pytest.mark.parametrize("staff", ["editor"], indirect=True)
def test_editor_changes_a_mechanism_and_is_named_in_its_history(client, staff, records):
    client.force_login(staff)
    mechanism = records.mechanism
    data = form_data(client.get(admin_url(mechanism, "change")))
    data["secretariat"] = "Hosted by a test secretariat"

    response = client.post(admin_url(mechanism, "change"), data)

    assert response.status_code == 302
    mechanism.refresh_from_db()
    assert mechanism.secretariat == "Hosted by a test secretariat"
    assert mechanism.history.first().history_user == staff
    assert client.get(admin_url(Mechanism, "import")).status_code == 200
    assert client.get(admin_url(Mechanism, "export")).status_code == 200


def test_groups_migration_is_reversible():
    """Backwards removes the two groups; forwards creates them again with their permissions."""
    migration = importlib.import_module("core.migrations.0001_groups")
    schema_editor = SimpleNamespace(connection=connection)
    assert all(op.reversible for op in migration.Migration.operations)

    migration.delete_groups(apps, schema_editor)
    assert not Group.objects.filter(name__in=["Editors", "Viewers"]).exists()

    migration.create_groups(apps, schema_editor)
    assert Group.objects.get(name="Editors").permissions.filter(codename="add_mechanism").exists()
    assert Group.objects.get(name="Viewers").permissions.filter(codename="view_reference").exists()
    assert (
        not Group.objects.get(name="Viewers").permissions.filter(codename="add_reference").exists()
    )
