"""The five IOM notes are project files: the site serves them and nothing reads outside."""

import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from sources.models import Document
from sources.notes import NOTES_DIR, note_path, read_note

pytestmark = pytest.mark.django_db


def test_every_seeded_note_has_its_text_in_the_project():
    notes = Document.objects.notes()
    assert notes.count() == 5
    for document in notes:
        path = note_path(document.seed_file)
        assert path is not None, f"{document.slug}: {document.seed_file} missing in sources/notes/"
        assert path.parent == NOTES_DIR
        assert Path(settings.BASE_DIR) in path.parents


def test_source_page_links_the_plain_text_and_the_site_serves_it(client):
    document = Document.objects.get(slug="iom-grcp9-summary-report-2021")
    page = client.get(document.get_absolute_url()).content.decode()
    text_url = f"/sources/{document.slug}/text/"
    assert f'href="{text_url}"' in page

    response = client.get(text_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode("utf-8") == read_note(document.seed_file)
    assert "Ninth Global Meeting" in response.content.decode("utf-8")


def test_a_un_text_has_no_plain_text_copy(client):
    assert client.get("/sources/gcm-final/text/").status_code == 404


@pytest.mark.parametrize("seed_file", ["../settings.py", "/etc/passwd", "notes/../../x", ""])
def test_an_edited_file_name_cannot_point_outside_the_notes(client, seed_file):
    document = Document.objects.get(slug="iom-note-final-gcm")
    Document.objects.filter(pk=document.pk).update(seed_file=seed_file)
    assert note_path(seed_file) is None
    assert client.get(f"/sources/{document.slug}/text/").status_code == 404


def test_no_project_file_reads_the_shared_folder_beside_the_repository():
    """The notes' old home was a folder beside the repository; a fresh clone has none."""
    # Built from parts so this test's own text is no path to the old folder.
    old_home = "/".join(("shared", "seeds"))
    old_dir = '"' + "shared" + '"'
    tracked = subprocess.run(
        ["git", "ls-files", "*.py", "*.toml", "*.cfg", "*.ini", "*.html", "dev", ".ci/*"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    offenders = [
        name
        for name in tracked
        # Migrations keep old help texts as history; they read no file.
        if name != "tests/sources/test_notes.py"
        and "/migrations/" not in name
        and (old_home in (text := (Path(settings.BASE_DIR) / name).read_text()) or old_dir in text)
    ]
    assert offenders == []
