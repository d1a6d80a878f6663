"""Admin edits leave one history row naming the editor, and the history form reverts them."""

import pytest

from mechanisms.models import Mechanism, Region

from .conftest import admin_url
from .forms import form_data

pytestmark = pytest.mark.django_db


def test_change_form_edit_writes_one_history_row_with_the_user(admin_client, admin_user, records):
    mechanism = records.mechanism
    before = mechanism.history.count()
    data = form_data(admin_client.get(admin_url(mechanism, "change")))
    data["name"] = "Test Process, renamed"

    response = admin_client.post(admin_url(mechanism, "change"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    mechanism.refresh_from_db()
    assert mechanism.name == "Test Process, renamed"
    assert mechanism.history.count() == before + 1
    latest = mechanism.history.first()
    assert latest.history_user == admin_user
    assert latest.history_type == "~"
    # The regions and sources did not change, and the history row keeps them.
    assert [r.region.slug for r in latest.regions.all()] == ["test-region"]
    history_page = admin_client.get(admin_url(mechanism, "history"))
    assert "Test Process, renamed" in history_page.text
    assert admin_user.username in history_page.text


def test_history_form_reverts_to_the_earlier_version(admin_client, admin_user, records):
    mechanism = records.mechanism
    earlier = mechanism.history.first()
    data = form_data(admin_client.get(admin_url(mechanism, "change")))
    data["name"] = "A bad edit"
    data["status"] = "dormant"
    admin_client.post(admin_url(mechanism, "change"), data)
    mechanism.refresh_from_db()
    assert mechanism.name == "A bad edit"

    revert_url = admin_url(mechanism, "simple_history", mechanism.pk, earlier.history_id)
    revert_page = admin_client.get(revert_url)
    assert revert_page.status_code == 200
    response = admin_client.post(revert_url, form_data(revert_page))

    assert response.status_code == 302
    mechanism.refresh_from_db()
    assert (mechanism.name, mechanism.status) == ("Test Process", "active")
    assert list(mechanism.regions.values_list("slug", flat=True)) == ["test-region"]
    assert mechanism.history.first().history_user == admin_user
    assert Mechanism.objects.filter(slug="test-process").count() == 1


def test_inline_edit_is_recorded_for_the_inline_record(admin_client, admin_user, records):
    name = records.name
    data = form_data(admin_client.get(admin_url(records.mechanism, "change")))
    prefix = next(k[: -len("-0-name")] for k in data if k.endswith("-0-name") and "names" in k)
    data[f"{prefix}-0-note"] = "Renamed in 2019"

    response = admin_client.post(admin_url(records.mechanism, "change"), data)

    assert response.status_code == 302
    name.refresh_from_db()
    assert name.note == "Renamed in 2019"
    assert name.history.first().history_user == admin_user


def test_revert_restores_many_to_many_links(admin_client, records):
    """A bad edit that drops a region and a source is undone by reverting, links included."""
    mechanism = records.mechanism
    earlier = mechanism.history.first()
    other = Region.objects.create(slug="test-other-region", name="Other region")
    data = form_data(admin_client.get(admin_url(mechanism, "change")))
    data["regions"] = [str(other.pk)]
    data["sources"] = []
    assert admin_client.post(admin_url(mechanism, "change"), data).status_code == 302
    assert list(mechanism.regions.values_list("slug", flat=True)) == ["test-other-region"]

    revert_url = admin_url(mechanism, "simple_history", mechanism.pk, earlier.history_id)
    response = admin_client.post(revert_url, form_data(admin_client.get(revert_url)))

    assert response.status_code == 302
    assert list(mechanism.regions.values_list("slug", flat=True)) == ["test-region"]
    assert list(mechanism.sources.values_list("slug", flat=True)) == ["iom-note-final-gcm"]
