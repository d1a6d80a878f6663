"""A record others reference cannot be deleted from the admin, and the page says by what.

Checked through the delete view and through the bulk "delete selected" action, for foreign
keys (which the database protects too) and many-to-many links (which only the check guards).
"""

import pytest

from mechanisms.models import Mechanism, Region
from sources.models import Document

from .conftest import admin_url

pytestmark = pytest.mark.django_db

CASES = {
    # what, how it is referenced, text that must name the referrer
    "note cited as a source": ("note", "Test Process"),
    "mechanism named by a reference": ("named", "test wording"),
    "region used by a mechanism": ("region", "Test Process"),
}


def refused(response, referrer):
    assert response.status_code == 200
    text = response.text
    assert "cannot be deleted: other records refer to it" in text
    assert referrer in text
    assert 'name="post"' not in text  # no confirm button is offered


@pytest.mark.parametrize("case", CASES)
def test_delete_view_refuses_referenced_record(admin_client, records, case):
    attr, referrer = CASES[case]
    obj = getattr(records, attr)
    url = admin_url(obj, "delete")

    refused(admin_client.get(url), referrer)
    assert "cannot be deleted" in admin_client.get(url).text
    refused(admin_client.post(url, {"post": "yes"}), referrer)

    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("case", CASES)
def test_bulk_delete_action_refuses_referenced_record(admin_client, records, case):
    attr, referrer = CASES[case]
    obj = getattr(records, attr)
    spare = type(obj).objects.exclude(pk=obj.pk).first()
    selected = [obj.pk] + ([spare.pk] if spare else [])
    data = {"action": "delete_selected", "_selected_action": selected}

    refused(admin_client.post(admin_url(obj, "changelist"), data), referrer)
    refused(admin_client.post(admin_url(obj, "changelist"), {**data, "post": "yes"}), referrer)

    # Nothing of the selection was deleted, not even the records nothing references.
    assert type(obj).objects.filter(pk__in=selected).count() == len(selected)


def test_unreferenced_record_is_deleted_with_history(admin_client, admin_user, records):
    region = Region.objects.create(slug="test-empty-region", name="Empty region")
    url = admin_url(region, "delete")

    confirm = admin_client.get(url)
    assert 'name="post"' in confirm.text
    response = admin_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not Region.objects.filter(slug="test-empty-region").exists()
    deletion = Region.history.filter(slug="test-empty-region").first()
    assert (deletion.history_type, deletion.history_user) == ("-", admin_user)


def test_bulk_delete_of_unreferenced_records(admin_client, records):
    scratch = [
        Document.objects.create(slug=f"test-scratch-{i}", title="Scratch", kind="draft")
        for i in range(2)
    ]
    data = {
        "action": "delete_selected",
        "_selected_action": [d.pk for d in scratch],
        "post": "yes",
    }
    response = admin_client.post(admin_url(Document, "changelist"), data)
    assert response.status_code == 302
    assert not Document.objects.filter(slug__startswith="test-scratch-").exists()


def test_mechanism_with_only_its_own_parts_is_deleted(admin_client, records):
    """Names are parts of a mechanism (CASCADE) and do not block its deletion."""
    mechanism = Mechanism.objects.create(slug="test-lonely", name="Lonely forum")
    mechanism.names.create(name="Lonely", kind="alternative")
    response = admin_client.post(admin_url(mechanism, "delete"), {"post": "yes"})
    assert response.status_code == 302
    assert not Mechanism.objects.filter(slug="test-lonely").exists()


def test_refusal_groups_referrers_by_kind_with_counts_links_and_a_way_back(admin_client, records):
    """Regression (issue 15): a cited note's refusal was one unlinked 7,500-character paragraph."""
    note = records.note
    url = admin_url(note, "delete")
    text = admin_client.get(url).text
    assert '<div class="registry-blockers" id="delete-refused">' in text
    # One heading per kind with its count, each record linked to its change page.
    assert " mechanisms</h3>" in text or " mechanism</h3>" in text
    assert f'href="{admin_url(records.mechanism, "change")}">Test Process (TSTP)</a>' in text
    assert "list them all" in text  # the seed cites the note far more than five times
    assert "?sources__id__exact=" in text
    assert f'href="../change/" class="button">Back to {note}' in text
    # The "list them all" link opens a filtered changelist (no error page).
    link = text.split("?sources__id__exact=", 1)[1].split('"', 1)[0]
    listed = admin_client.get(
        admin_url(records.mechanism, "changelist") + f"?sources__id__exact={link}"
    )
    assert listed.status_code == 200


def test_bulk_refusal_says_nothing_was_deleted_and_groups_the_referrers(admin_client, records):
    response = admin_client.post(
        admin_url(Region, "changelist"),
        {"action": "delete_selected", "_selected_action": [records.region.pk]},
    )
    text = response.text
    assert "Nothing was deleted" in text
    assert "protected related objects" not in text
    assert f'href="{admin_url(records.mechanism, "change")}"' in text


def test_link_rows_read_as_english():
    link = Mechanism.regions.through(
        mechanism=Mechanism(name="Test Process"), region=Region(name="Africa")
    )
    assert str(link) == "Test Process — Africa"
    assert Mechanism.regions.through._meta.verbose_name == "mechanism–region link"
