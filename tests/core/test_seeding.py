"""The seed command adds what is missing, changes nothing on a second run, and never
silently overwrites an editor's change."""

import pytest
from django.core.management import call_command

from core.seeding import SEED_REASON, seed
from sources.models import Document

pytestmark = pytest.mark.django_db


def test_second_run_changes_nothing():
    report = seed()
    assert report.created == 0
    assert report.differences == []
    assert report.unchanged > 0


def test_editor_change_is_reported_not_overwritten():
    gcm = Document.objects.get(slug="gcm-final")
    gcm.title = "Edited by an editor"
    gcm.save()

    report = seed()

    gcm.refresh_from_db()
    assert gcm.title == "Edited by an editor"
    assert [(d.label, d.field) for d in report.differences] == [
        ("sources.document gcm-final", "title")
    ]


def test_reset_restores_the_notes_value_and_keeps_history():
    gcm = Document.objects.get(slug="gcm-final")
    gcm.title = "Edited by an editor"
    gcm.save()

    report = seed(reset=True)

    gcm.refresh_from_db()
    assert gcm.title == "Global Compact for Safe, Orderly and Regular Migration"
    assert report.reset == 1
    assert [h.title for h in gcm.history.order_by("history_date")][-2:] == [
        "Edited by an editor",
        "Global Compact for Safe, Orderly and Regular Migration",
    ]


def test_missing_record_is_added_back():
    Document.objects.get(slug="agenda-2030").delete()
    report = seed()
    assert report.created == 1
    assert Document.objects.filter(slug="agenda-2030").exists()


def test_seeded_records_carry_one_history_row_with_their_sources():
    gcm = Document.objects.get(slug="gcm-final")
    first = gcm.history.earliest("history_date")
    assert first.history_change_reason == SEED_REASON
    assert {s.to_document.slug for s in first.sources.all()} == {
        "iom-note-final-gcm",
        "iom-grcp9-summary-report-2021",
    }


def test_command_reports_differences(capsys):
    Document.objects.filter(slug="gcm-final").update(title="Changed")
    call_command("seed")
    out = capsys.readouterr().out
    assert "differs: sources.document gcm-final: title" in out
    assert "--reset" in out
