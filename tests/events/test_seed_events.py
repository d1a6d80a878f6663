"""The seeded events, sessions, counts, documents and people agree with the notes' text."""

import re

import pytest

from events.models import Event, EventDocument, EventFigure, Person, PublicRole, Session
from mechanisms.models import Meeting
from tests.notes_text import NOTE_004, between, in_any, normalise, note, raw_note

pytestmark = pytest.mark.django_db

# Titles the registry composes because the note gives none of its own (the year is the
# note's), and two that 001's table splits over two pages ("... migration to" | "adopt ...").
COMPOSED_TITLES = {
    "un-hld-2006",
    "un-hld-2013",
    "africa-au-expert-committee-2017",
    "asia-pacific-regional-consultation-2017",
}
WORDS = {"four": 4}


def test_every_grcp_meeting_is_an_event_of_kind_grcp():
    events = Event.objects.grcp().select_related("meeting")
    assert {e.meeting.number for e in events} == set(
        Meeting.objects.values_list("number", flat=True)
    )
    assert all(e.slug == f"grcp-{e.meeting.number}" and not e.title for e in events)
    assert not Event.objects.exclude(kind="grcp").filter(meeting__isnull=False).exists()
    nine = Event.objects.get(slug="grcp-9")
    assert nine.display_title.startswith("GRCP 9: Ninth Global Meeting")
    assert nine.display_place == "virtual by Zoom" and nine.display_year == 2021


def test_event_facts_are_the_notes_words():
    events = list(Event.objects.prefetch_related("sources").select_related("place_country"))
    assert len(events) >= 30
    for event in events:
        sources = list(event.sources.all())
        assert sources, event.slug
        for value in (event.description, event.dates_text, event.place, event.organisers):
            assert not value or in_any(sources, value), (event.slug, value)
        if event.title and event.slug not in COMPOSED_TITLES:
            assert in_any(sources, event.title), event.slug
        if event.place_country:
            names = [event.place_country.name, *event.place_country.printed_names.split("; ")]
            assert any(n and n in event.place for n in names) or event.meeting_id, event.slug


def test_grcp9_dates_place_and_sessions_follow_004s_agenda():
    text = note(NOTE_004)
    event = Event.objects.get(slug="grcp-9")
    assert "10-11 November 2021, virtual by Zoom" in text
    assert (event.start_date.isoformat(), event.end_date.isoformat()) == (
        "2021-11-10",
        "2021-11-11",
    )
    assert event.virtual and event.platform == "Zoom"
    agenda = between(raw_note(NOTE_004), "ANNEX IV: GRCP 9 Agenda", "ANNEX V:")
    sessions = list(event.sessions.prefetch_related("mechanisms"))
    assert len(sessions) == EventFigure.objects.get(event=event, slug="virtual-sessions").value
    for session in sessions:
        line = next(line for line in agenda.splitlines() if line.startswith(session.title + ", "))
        assert session.date.strftime("%-d November %Y") in line
        assert f"{session.start_time:%H:%M}" in line and f"{session.end_time:%H:%M}" in line
        assert normalise(session.languages_text) in normalise(agenda)
        assert all(name in session.languages_text for name in session.language_names)
    listed = [m for s in sessions for m in s.mechanisms.all()]
    brought_together = EventFigure.objects.get(event=event, slug="mechanisms-brought-together")
    assert len(listed) == len(set(listed)) == brought_together.value
    participants = set(Meeting.objects.get(number=9).participants.all())
    assert set(listed) <= participants


def test_published_counts_quote_the_note_and_match_its_number():
    figures = list(EventFigure.objects.prefetch_related("sources"))
    assert len(figures) == 5
    for figure in figures:
        assert in_any(figure.sources.all(), figure.quote), figure
        found = re.search(r"\b(\d+)\b", figure.quote.replace("GRCP 9", ""))
        number = int(found[1]) if found else next(WORDS[w] for w in WORDS if w in figure.quote)
        assert number == figure.value, figure
    arab = Event.objects.get(slug="arab-region-iscm-dialogue-2021")
    assert arab.mechanism_links.count() == arab.figures.get().value == 7


def test_event_documents_are_listed_in_the_notes():
    documents = list(EventDocument.objects.prefetch_related("sources"))
    assert len(documents) >= 20
    for doc in documents:
        sources = list(doc.sources.all())
        assert doc.url == "" or in_any(sources, doc.url), doc
        composed = doc.kind in ("rapporteur-report", "report", "agenda", "website") and not in_any(
            sources, doc.title
        )
        assert composed or in_any(sources, doc.title), doc
    materials = between(note(NOTE_004), "List of relevant materials", "List of Previous GRCP")
    listed = EventDocument.objects.filter(event__slug="grcp-9", kind="material")
    assert listed.count() == materials.count(" - ") == 11


# --- People ------------------------------------------------------------------------------------


def test_every_role_is_printed_so_in_its_note():
    roles = list(PublicRole.objects.select_related("person", "country").prefetch_related("sources"))
    assert len(roles) >= 140
    for role in roles:
        sources = list(role.sources.all())
        assert in_any(sources, role.printed), role.slug
        assert role.name_as_printed in role.printed, role.slug
        assert not role.position or in_any(sources, role.position), role.slug
        if role.country:
            names = [role.country.name, *role.country.printed_names.split("; ")]
            names += ["French"] if role.country.code == "FR" else []
            assert any(n and n in role.position for n in names), role.slug


def test_participant_list_and_speakers_are_complete():
    text = raw_note(NOTE_004)
    annex_vi = between(text, "I. Participants from ISCMs", "ANNEX VII")
    numbered = max(int(n) for n in re.findall(r"^(\d+)\.\t", annex_vi, flags=re.M))
    rows = PublicRole.objects.filter(slug__startswith="grcp-9-participant-")
    numbers = {
        int(re.match(r"grcp-9-participant-(\d+)", s)[1])
        for s in rows.values_list("slug", flat=True)
    }
    assert numbers == set(range(1, numbered + 1)) and numbered == 67
    speakers = between(text, "List of Speakers (Alphabetical order)", "ANNEX VI")
    listed = [line for line in speakers.splitlines()[1:] if ", " in line]
    assert (
        PublicRole.objects.filter(slug__startswith="grcp-9-speaker-").count() == len(listed) == 21
    )


def test_each_person_is_named_so_in_004():
    people = list(Person.objects.all())
    assert len(people) == 68
    for person in people:
        assert person.name in note(NOTE_004), person


def test_session_1_facilitator_differs_between_agenda_and_rapporteur_report():
    """Recorded in fixtures/README.md: both readings are seeded, each with its place."""
    session = Session.objects.get_by_natural_key("grcp-9", "discussion-session-1")
    facilitators = {r.person.slug: r.place for r in session.roles.filter(kind="facilitator")}
    assert facilitators == {
        "frank-tressler-zamorano": "Annex IV: GRCP 9 Agenda",
        "julio-fiol-zuniga": "Annex VIII: GRCP 9 Rapporteur report, discussion session 1",
    }
    assert (
        session.roles.filter(kind="rapporteur")
        .values_list("person__slug", flat=True)
        .distinct()
        .get()
        == "luis-alonso-serrano-echeverria"
    )
