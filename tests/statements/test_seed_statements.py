"""Seeded statements, definitions and the GCM process agree with the notes' own text."""

import re

import pytest

from process.models import Phase, ThematicSession
from statements.models import Definition, Statement
from tests.notes_text import NOTE_000, NOTE_001, NOTE_003, between, in_note, note, raw_note

pytestmark = pytest.mark.django_db

# Spellings a note uses for a mechanism besides its names (kept as printed).
MISSPELT = {"gfmd": ["GFMPD"], "arcp": ["Arab Regional Consultative Process on Migration"]}
MONTHS = "January February March April May June July August September October November December"


def labels(mechanism):
    found = [mechanism.name, mechanism.acronym, *MISSPELT.get(mechanism.slug, [])]
    for other in mechanism.names.all():
        found += [other.name, other.acronym]
    return [f for f in found if f]


def test_every_statement_is_printed_so_in_its_document():
    statements = list(
        Statement.objects.select_related("document", "event", "session").prefetch_related(
            "sources", "mechanisms__names", "objectives"
        )
    )
    assert len(statements) >= 100
    for statement in statements:
        assert statement.document in statement.sources.all(), statement.slug
        assert in_note(statement.document.slug, statement.text), statement.slug
        assert statement.place, statement.slug
        for mechanism in statement.mechanisms.all():
            named = any(label in statement.text for label in labels(mechanism))
            # A mechanism the statement's place names ("Presentation of the RCM").
            assert named or mechanism.acronym in statement.place, (statement.slug, mechanism)
        for objective in statement.objectives.all():
            assert f"objective {objective.number}" in statement.text, statement.slug
        if statement.session_id:
            assert statement.session.event_id == statement.event_id, statement.slug


def test_restatements_are_another_wording_of_the_same_item():
    restating = Statement.objects.filter(restates__isnull=False).select_related("restates")
    assert restating.count() >= 16
    for statement in restating:
        assert statement.text != statement.restates.text, statement.slug
        assert statement.event_id == statement.restates.event_id, statement.slug


def test_grcp7_highlights_counts_follow_000():
    highlights = between(
        raw_note(NOTE_000), "GRCP 7 Highlights Document", "Geneva, 11 October 2017"
    )
    section_8 = between(highlights, "These include:", "- 9.")
    assert (
        Statement.objects.filter(slug__startswith="grcp7-h8").count()
        == len(re.findall(r"^- [a-c]\)", section_8, flags=re.M))
        == 3
    )
    section_6 = between(highlights, "- 6.", "- 7.")
    items_6 = len(re.findall(r"^\s*- ", section_6, flags=re.M)) - 1  # less "- 6." itself
    assert Statement.objects.filter(slug__startswith="grcp7-h6-").count() == items_6 == 5


def test_003s_proposals_challenges_and_recommendations_are_all_there():
    text = raw_note(NOTE_003)
    proposals = between(text, "A series of proposals were made", "At the same time")
    challenges = between(text, "At the same time", "Section III")
    recommendations = (
        between(text, "the authors would propose", "\n\n\n")
        if False
        else text[text.index("the authors would propose") :]
    )
    count = lambda part: len(re.findall(r"^- ", part, flags=re.M))  # noqa: E731
    assert (
        Statement.objects.filter(kind="proposal", document__slug=NOTE_003).count()
        == count(proposals)
        == 7
    )
    assert (
        Statement.objects.filter(kind="challenge", document__slug=NOTE_003).count()
        == count(challenges)
        == 3
    )
    assert (
        Statement.objects.filter(kind="recommendation", document__slug=NOTE_003).count()
        == count(recommendations)
        == 4
    )


def test_definitions_are_the_notes_words():
    definitions = list(Definition.objects.select_related("document").prefetch_related("sources"))
    assert len(definitions) >= 15
    for definition in definitions:
        assert in_note(definition.document.slug, definition.text), definition.slug
        assert in_note(definition.document.slug, definition.term), definition.slug
    keys = set(Definition.objects.values_list("term_key", flat=True))
    assert {"iscm", "rcp", "irf", "global-process", "imrf", "grcp", "gcm"} <= keys
    assert Definition.objects.filter(term_key="iscm").count() >= 4


def test_gcm_phases_and_thematic_sessions_follow_001():
    text = note(NOTE_001)
    three = re.search(r"comprises (\w+) phases", text)[1]
    preparation = list(Phase.objects.filter(stage="preparation"))
    assert three == "three" and len(preparation) == 3
    months = MONTHS.split()
    for phase in Phase.objects.prefetch_related("sources"):
        assert any(in_note(d.slug, phase.quote) for d in phase.sources.all()), phase
        for month in (phase.start_month, phase.end_month):
            assert month is None or months[month - 1] in phase.quote, phase
        for year in (phase.start_year, phase.end_year):
            assert year is None or str(year) in phase.quote or str(year) in phase.period_text
    six = re.search(r"on (\w+) major themes", text)[1]
    sessions = list(ThematicSession.objects.all())
    assert six == "six" and len(sessions) == 6
    for session in sessions:
        assert f"{session.label} {session.title}" in text
