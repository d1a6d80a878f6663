"""One history row per admin save, readable word-level diffs, inline parts on the parent.

Regression (issue 15): one save of a mechanism wrote Created + Sources + Regions rows and
an empty "Changed" row; a one-letter fix read "...w[147 chars]e..."; "Changed by: None";
changes to a mechanism's other names could be neither seen nor reverted on the mechanism.
"""

import pytest

from core.history import word_diff
from mechanisms.models import Mechanism, MechanismName, Region
from sources.models import Document

from .conftest import admin_url
from .forms import form_data

pytestmark = pytest.mark.django_db


def names_prefix(data):
    return next(
        k[: -len("-TOTAL_FORMS")] for k in data if k.endswith("-TOTAL_FORMS") and "names" in k
    )


def test_word_diff_shows_the_changed_word_and_its_neighbours():
    old = " ".join(["word"] * 40) + " the wrold is round " + " ".join(["more"] * 40)
    new = old.replace("wrold", "world")
    diff = word_diff(old, new)
    assert "<del>wrold</del> <ins>world</ins>" in diff
    assert "the" in diff and "is round" in diff
    assert "…" in diff  # the unchanged 40 words are cut
    assert len(diff) < 200
    assert "chars]" not in diff


def test_word_diff_escapes_html():
    assert "&lt;b&gt;" in word_diff("a", "<b>")


def test_adding_a_mechanism_with_links_and_a_name_writes_one_version(admin_client, admin_user):
    page = admin_client.get(admin_url(Mechanism, "add"))
    data = form_data(page)
    data = {k: v for k, v in data.items() if v not in ("", None) or k.endswith("FORMS")}
    region = Region.objects.create(slug="test-region-v", name="Region V")
    note = Document.objects.get(slug="iom-note-final-gcm")
    data.update(
        slug="test-added",
        name="Added Process",
        acronym="TADD",
        regions=[str(region.pk)],
        sources=[str(note.pk)],
        change_reason="From note 4",
    )
    prefix = names_prefix(data)
    data[f"{prefix}-TOTAL_FORMS"] = "1"
    data[f"{prefix}-0-name"] = "Earlier Added Process"
    data[f"{prefix}-0-kind"] = "former"

    response = admin_client.post(admin_url(Mechanism, "add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    mechanism = Mechanism.objects.get(slug="test-added")
    versions = list(mechanism.history.all())
    assert len(versions) == 1
    (version,) = versions
    assert version.history_type == "+"
    assert version.history_user == admin_user
    assert version.history_change_reason == "From note 4"
    assert [r.region_id for r in version.regions.all()] == [region.pk]
    assert [r.document_id for r in version.sources.all()] == [note.pk]
    name = MechanismName.objects.get(mechanism=mechanism)
    assert name.history.count() == 1


def test_changing_only_links_writes_one_version_that_names_them(admin_client, records):
    mechanism = records.mechanism
    before = mechanism.history.count()
    other = Region.objects.create(slug="test-other-region", name="Other region")
    data = form_data(admin_client.get(admin_url(mechanism, "change")))
    data["regions"] = [str(other.pk)]

    assert admin_client.post(admin_url(mechanism, "change"), data).status_code == 302

    assert mechanism.history.count() == before + 1
    page = admin_client.get(admin_url(mechanism, "history")).text
    assert "<strong>Regions:</strong> <del>Test region</del>, <ins>Other region</ins>" in page
    assert "None" not in page


def test_saving_without_changes_writes_no_version(admin_client, records):
    mechanism = records.mechanism
    before = mechanism.history.count()
    data = form_data(admin_client.get(admin_url(mechanism, "change")))
    assert admin_client.post(admin_url(mechanism, "change"), data).status_code == 302
    assert mechanism.history.count() == before


def test_history_page_shows_a_word_diff_the_user_and_the_reason(admin_client, admin_user, records):
    mechanism = records.mechanism
    mechanism.description = " ".join(["Regional dialogue"] * 30) + " on the wrold stage."
    mechanism.save()
    data = form_data(admin_client.get(admin_url(mechanism, "change")))
    data["description"] = data["description"].replace("wrold", "world")
    data["change_reason"] = "Typo"
    assert admin_client.post(admin_url(mechanism, "change"), data).status_code == 302

    page = admin_client.get(admin_url(mechanism, "history")).text

    assert "<del>wrold</del> <ins>world</ins>" in page
    assert "chars]" not in page
    assert "Typo" in page
    assert admin_user.username in page
    assert "None" not in page


def test_inline_changes_show_on_the_parent_in_one_version(admin_client, records):
    mechanism = records.mechanism
    before = mechanism.history.count()
    data = form_data(admin_client.get(admin_url(mechanism, "change")))
    prefix = names_prefix(data)
    data[f"{prefix}-0-note"] = "Renamed in 2019"

    assert admin_client.post(admin_url(mechanism, "change"), data).status_code == 302

    assert mechanism.history.count() == before + 1
    page = admin_client.get(admin_url(mechanism, "history")).text
    assert "Mechanism name “Old Test Process”: Note:</strong> <ins>Renamed in 2019</ins>" in page


def test_revert_page_lists_what_will_change_and_restores_inline_parts(admin_client, records):
    mechanism = records.mechanism
    # A save that edits the name, renames the inline name and adds another one.
    data = form_data(admin_client.get(admin_url(mechanism, "change")))
    good = mechanism.history.first()
    prefix = names_prefix(data)
    data["name"] = "Test Process bad edit"
    data[f"{prefix}-0-name"] = "Wrong Old Name"
    data[f"{prefix}-TOTAL_FORMS"] = "2"
    data[f"{prefix}-1-name"] = "An Alias Added By Mistake"
    data[f"{prefix}-1-kind"] = "alternative"
    assert admin_client.post(admin_url(mechanism, "change"), data).status_code == 302
    assert set(mechanism.names.values_list("name", flat=True)) == {
        "Wrong Old Name",
        "An Alias Added By Mistake",
    }

    revert_url = admin_url(mechanism, "simple_history", mechanism.pk, good.history_id)
    page = admin_client.get(revert_url)
    text = page.text
    assert "Reverting will change the current record" in text
    assert "<del>bad edit</del>" in text
    assert "Mechanism name removed:</strong> <del>An Alias Added By Mistake</del>" in text
    assert (
        "“Old Test Process”: Name:</strong> <del>Wrong</del> Old <del>Name</del> <ins>Test" in text
    )

    response = admin_client.post(revert_url, form_data(page))

    assert response.status_code == 302
    mechanism.refresh_from_db()
    assert mechanism.name == "Test Process"
    assert list(mechanism.names.values_list("name", flat=True)) == ["Old Test Process"]
    latest = mechanism.history.first()
    assert latest.history_change_reason.startswith("Reverted to the version of")
    # The revert itself is one version, which the history shows with the parts it restored.
    history = admin_client.get(admin_url(mechanism, "history")).text
    assert "Mechanism name removed:</strong> <del>An Alias Added By Mistake</del>" in history
