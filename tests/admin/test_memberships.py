"""Editors manage secretariat memberships with a searchable user field (issue 15)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from secretariats.models import Membership

from .conftest import admin_url
from .forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_editor(editor):
    editor.is_staff = True
    editor.save()
    return editor


@pytest.fixture
def secretary(db):
    return get_user_model().objects.create_user(
        "amina", email="amina@secretariat.example", first_name="Amina", last_name="Diallo"
    )


def test_editor_adds_a_membership_finding_the_user_by_name(
    client, staff_editor, secretary, records
):
    client.force_login(staff_editor)
    page = client.get(admin_url(Membership, "add"))
    assert page.status_code == 200
    # A searchable box, not a raw id field.
    assert 'class="admin-autocomplete"' in page.text
    assert "vForeignKeyRawIdAdminField" not in page.text
    search = reverse("admin:secretariats_membership_user_search")
    found = client.get(search, {"term": "diallo"}).json()
    assert found["results"] == [
        {"id": str(secretary.pk), "text": "amina (Amina Diallo) <amina@secretariat.example>"}
    ]
    assert client.get(search, {"term": "nobody-like-this"}).json()["results"] == []

    data = form_data(page)
    data.update(user=found["results"][0]["id"], mechanism=str(records.mechanism.pk), role="chair")
    response = client.post(admin_url(Membership, "add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    membership = Membership.objects.get(user=secretary)
    assert membership.mechanism == records.mechanism
    assert membership.history.first().history_user == staff_editor
    # ... and changes and deletes it.
    assert client.get(admin_url(membership, "change")).status_code == 200
    assert client.post(admin_url(membership, "delete"), {"post": "yes"}).status_code == 302
    assert not Membership.objects.filter(user=secretary).exists()


def test_viewers_read_memberships_but_cannot_search_users(client, viewer, secretary, records):
    viewer.is_staff = True
    viewer.save()
    Membership.objects.create(user=secretary, mechanism=records.mechanism, role="chair")
    client.force_login(viewer)
    assert client.get(admin_url(Membership, "changelist")).status_code == 200
    assert client.get(admin_url(Membership, "add")).status_code == 403
    search = reverse("admin:secretariats_membership_user_search")
    assert client.get(search, {"term": "amina"}).status_code == 403


def test_editors_have_no_rights_over_user_accounts(editor):
    assert editor.has_perm("secretariats.change_membership")
    assert not editor.has_perm("auth.view_user")
    assert not editor.has_perm("auth.change_user")


def test_create_editor_makes_a_staff_account_that_can_log_in(client, monkeypatch):
    monkeypatch.setenv("ISCM_EDITOR_PASSWORD", "a-long-editor-pass-42")
    call_command("create_editor", "nadia", "--email", "nadia@iom.example", "--no-input")
    user = get_user_model().objects.get(username="nadia")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    assert client.login(username="nadia", password="a-long-editor-pass-42")
    assert client.get(admin_url(Membership, "changelist")).status_code == 200
