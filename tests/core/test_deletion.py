"""Deleting a record that others reference is refused with a message naming them."""

import pytest
from django.db.models import ProtectedError

from core.deletion import RecordInUse, blocking_references, delete_unreferenced
from gcm.models import Reference
from sources.models import Document

pytestmark = pytest.mark.django_db


def test_note_cited_as_source_cannot_be_deleted():
    note = Document.objects.get(slug="iom-note-final-gcm")
    with pytest.raises(RecordInUse) as caught:
        delete_unreferenced(note)
    assert "Final GCM (A/RES/73/195)" in str(caught.value)
    assert Document.objects.filter(slug="iom-note-final-gcm").exists()


def test_document_with_references_is_protected_in_the_database_too():
    gcm = Document.objects.get(slug="gcm-final")
    Reference.objects.create(
        document=gcm,
        paragraph="47",
        paragraph_number=47,
        wording="A wording no note uses",
        group="iscm",
    )
    seeded = Reference.objects.filter(document=gcm).count()
    blockers = blocking_references(gcm)
    assert any(b.model is Reference and b.count == seeded for b in blockers)
    with pytest.raises(ProtectedError):
        gcm.delete()


def test_unreferenced_record_is_deleted():
    doc = Document.objects.create(slug="scratch", title="Scratch", kind="draft")
    delete_unreferenced(doc)
    assert not Document.objects.filter(slug="scratch").exists()
