"""Pages show what issue 10 (items 6 and 8) added: a UN text's link as a note prints it and
the sentence behind an actor's objective link."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_un_texts_page_links_the_address_its_note_prints(client):
    page = client.get("/sources/agenda-2030/").content.decode()
    url = "http://www.un.org/ga/search/view_doc.asp?symbol=A/RES/70/1&amp;Lang=E"
    assert f'href="{url}"' in page and "the link a note prints" in page
    assert "the link a note prints" not in client.get("/sources/gcm-final/").content.decode()


def test_an_objective_page_shows_other_actors_with_the_notes_sentence(client):
    page = client.get("/objectives/20/").content.decode()
    assert "International financial institutions" in page
    assert "are invited to contribute to implementation of objectives on remittances" in page
    page = client.get("/objectives/19/").content.decode()
    assert "indirectly referred to under Objectives 6 (Recruitment and work)" in page
