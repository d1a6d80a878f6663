"""The notes' text as the seed tests of countries, events and statements compare it."""

import re
from functools import cache

from sources.models import Document
from sources.notes import read_note

NOTE_000 = "iom-note-zero-draft-rev1"
NOTE_001 = "iom-note-regional-consultations-2017"
NOTE_002 = "iom-note-final-gcm"
NOTE_003 = "iom-discussion-paper-regional-dimensions-2018"
NOTE_004 = "iom-grcp9-summary-report-2021"
# Annex VI of 004 repeats its column header at each page break, inside a row.
PAGE_HEADER = "# ISCM Name Position "


def normalise(text: str) -> str:
    """Whitespace collapsed; links ``[text](#)`` and bold ``**`` reduced to their text."""
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text).replace("\\", "").replace("**", "")
    return " ".join(text.split())


@cache
def raw_note(slug: str) -> str:
    return read_note(Document.objects.get(slug=slug).seed_file)


@cache
def note(slug: str) -> str:
    return normalise(raw_note(slug)).replace(PAGE_HEADER, "")


def in_note(slug: str, text: str) -> bool:
    return normalise(text) in note(slug)


def in_any(documents, text: str) -> bool:
    return any(in_note(d.slug, text) for d in documents)


def between(text: str, start: str, end: str) -> str:
    begin = text.index(start)
    return text[begin : text.index(end, begin)]
