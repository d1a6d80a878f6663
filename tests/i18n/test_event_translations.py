"""Events, GRCP meetings and sessions in the reader's language: an editor's French or Spanish
event title, meeting title and theme, and session title show on the pages (and in search and
the directory's event filter); an English one on a French or Spanish page is marked.

Regression: the event page's heading and the lists printed ``display_title`` in English even
where an editor had translated the title; meetings and sessions had no translation columns.
"""

import re

import pytest

from events.models import Event, Session
from mechanisms.models import Meeting

pytestmark = pytest.mark.django_db

MEETING_FR = "Forum d’examen des migrations internationales : une occasion pour les MCIE"
THEME_FR = "Contribuer à la gouvernance mondiale des migrations"
MARK = '<span lang="en" class="untranslated">{}</span><span class="untranslated-label"> {}'


@pytest.fixture
def grcp9():
    meeting = Meeting.objects.get(number=9)
    meeting.title_fr = MEETING_FR
    meeting.theme_fr = THEME_FR
    meeting.save()
    return Event.objects.get(meeting=meeting)


def test_a_grcp_event_shows_its_meetings_french_title_and_theme(client, grcp9):
    body = client.get(f"/fr{grcp9.get_absolute_url()}").content.decode()
    assert f"<h1>GRCP 9: {MEETING_FR}</h1>" in body
    assert f"<title>GRCP 9: {MEETING_FR}" in body
    assert THEME_FR in body
    english = client.get(grcp9.get_absolute_url()).content.decode()
    assert f"<h1>GRCP 9: {grcp9.meeting.title}</h1>" in english
    assert "untranslated" not in english


def test_an_untranslated_meeting_title_is_marked_on_spanish_pages(client, grcp9):
    body = client.get(f"/es{grcp9.get_absolute_url()}").content.decode()
    assert f"<h1>GRCP 9: {MARK.format(grcp9.meeting.title, 'sin traducir')}" in body


def test_an_editors_event_title_shows_on_its_page_and_in_the_list(client):
    event = Event.objects.exclude(title="").order_by("slug").first()
    event.title_fr = "Examen régional arabe du Pacte mondial"
    event.save()
    page = client.get(f"/fr{event.get_absolute_url()}").content.decode()
    assert "<h1>Examen régional arabe du Pacte mondial</h1>" in page
    listing = client.get("/fr/events/").content.decode()
    assert (
        f'<a href="/fr{event.get_absolute_url()}">Examen régional arabe du Pacte mondial</a>'
        in (listing)
    )


def test_a_session_title_in_french(client, grcp9):
    session = Session.objects.filter(event=grcp9).order_by("position").first()
    session.title_fr = "SÉANCE D’OUVERTURE GÉNÉRALE"
    session.save()
    body = client.get(f"/fr{grcp9.get_absolute_url()}").content.decode()
    assert "<strong>SÉANCE D’OUVERTURE GÉNÉRALE</strong>" in body
    other = Session.objects.filter(event=grcp9).exclude(pk=session.pk).first()
    assert f"<strong>{MARK.format(other.title, 'non traduit')}" in body


def test_the_survey_page_shows_the_meetings_french_theme(client, grcp9):
    body = client.get("/fr/surveys/imrf-inputs-2021/").content.decode()
    assert THEME_FR in body


def test_the_directory_event_filter_and_search_use_the_french_title(client, grcp9):
    body = client.get("/fr/mechanisms/").content.decode()
    select = re.search(r'<select name="event".*?</select>', body, re.S).group(0)
    options = dict(re.findall(r'<option value="([\w-]+)"[^>]*>([^<]*)</option>', select))
    assert options[grcp9.slug] == f"GRCP 9: {MEETING_FR}"[:80]
    assert options["grcp-8"].endswith("(non traduit)")
    found = client.get("/fr/search/?q=gouvernance+mondiale&kind=event").content.decode()
    assert grcp9.get_absolute_url() in found
