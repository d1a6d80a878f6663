"""Issue 10, items 6 and 8: every seeded value of the documents and GCM records is one a
note gives, and the notes' other objective links and wordings are held.

Each test reads the expected value from the note's own text (``sources.notes.read_note``),
so a value that came back from outside the notes (a year, a status, a name, an empty quote
where the note prints one) fails here.
"""

import re
from functools import cache

import pytest

from gcm.models import NON_STATE_GROUPS, Reference, ReferenceQuote, StakeholderEngagement
from sources.models import Document
from sources.notes import read_note

pytestmark = pytest.mark.django_db

NOTE_000 = "iom-note-zero-draft-rev1"
NOTE_001 = "iom-note-regional-consultations-2017"
NOTE_002 = "iom-note-final-gcm"
NOTE_003 = "iom-discussion-paper-regional-dimensions-2018"
NOTE_004 = "iom-grcp9-summary-report-2021"
ANNEX_NOTE = {"gcm-zero-draft-rev1": NOTE_000, "gcm-final": NOTE_002}
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@cache
def raw(slug: str) -> str:
    return read_note(Document.objects.get(slug=slug).seed_file)


@cache
def flat_note(slug: str) -> str:
    """Running text: bullets, bold markers and markdown escapes gone, whitespace collapsed."""
    lines = (re.sub(r"^\s*-\s+", "", line) for line in raw(slug).split("\n"))
    return " ".join(" ".join(lines).replace("**", "").replace("\\", "").split())


def flat(text: str) -> str:
    return " ".join(text.split())


def cited_text(record) -> str:
    return " ".join(flat_note(s.slug) for s in record.sources.all())


# ---------------------------------------------------------------- documents


def test_every_un_text_cites_a_note_that_names_it():
    """UN texts were seeded with no source (issue 10, item 8)."""
    texts = Document.objects.texts().prefetch_related("sources")
    assert texts.count() == 6
    for document in texts:
        sources = list(document.sources.all())
        assert sources, f"{document.slug} cites no note"
        assert {s.kind for s in sources} == {Document.Kind.IOM_NOTE}
        for source in sources:
            text = flat_note(source.slug)
            named = (document.symbol and document.symbol in text) or document.title in text
            assert named, f"{source.slug} does not name {document.slug}"


def test_dates_are_the_dates_the_cited_notes_print():
    for document in Document.objects.exclude(date=None).prefetch_related("sources"):
        printed = f"{document.date.day} {document.date:%B %Y}"
        text = flat_note(document.slug) if document.kind == "iom-note" else cited_text(document)
        assert printed in text, f"{document.slug}: {printed} not in its notes"


def test_no_document_carries_a_year_its_notes_do_not_state():
    """The Zero draft was seeded with a year (2018) no note gives (issue 10, item 8)."""
    for document in Document.objects.prefetch_related("sources"):
        text = flat_note(document.slug) if document.kind == "iom-note" else cited_text(document)
        fields = (document.title, document.short_title, document.description, document.date_note)
        for year in YEAR.findall(" ".join(fields)):
            assert year in text, f"{document.slug}: {year} is in no note it cites"
    zero = Document.objects.get(slug="gcm-zero-draft-rev1")
    assert zero.date is None and not YEAR.search(zero.description + zero.date_note)
    assert "2018" not in Document.objects.get(slug=NOTE_000).date_note


def test_document_urls_are_links_a_cited_note_prints():
    with_url = Document.objects.exclude(url="").prefetch_related("sources")
    assert {d.slug for d in with_url} == {
        "new-york-declaration",
        "modalities-resolution",
        "agenda-2030",
    }
    for document in with_url:
        assert any(f"({document.url})" in raw(s.slug) for s in document.sources.all()), document
    # 002 and 004 print their links as "(#)": no URL of theirs is seeded.
    assert not Document.objects.notes().exclude(url="").exists()


def test_modalities_resolution_is_a_resolution_as_001_calls_it():
    assert "GCM Modalities Resolution" in flat_note(NOTE_001)
    assert Document.objects.get(slug="modalities-resolution").kind == "resolution"


# ---------------------------------------------------------------- references


CITATION = r"\(§\s*{number}\s*{letters}\)"


def test_the_micic_quote_is_002s_text():
    """Seeded empty with a note saying no text is quoted, though 002 prints it."""
    lines = raw(NOTE_002).split("\n")
    heading = "Migrants in Countries Experiencing Conflict or Natural Disaster (NICIC Guidelines)"
    printed = next(line for line in lines[lines.index(heading) + 1 :] if line.strip())
    printed = flat(printed.lstrip("- ").replace("**", "")).removesuffix(" (§18g)")
    micic = Reference.objects.get(document__slug="gcm-final", paragraph="18g")
    assert micic.quote == printed
    assert micic.quote.startswith('"...by taking into consideration relevant recommendations')
    assert micic.heading == heading and "no text" not in micic.note


@pytest.mark.parametrize("document", sorted(ANNEX_NOTE))
def test_a_reference_has_no_quote_only_where_its_note_quotes_none(document):
    text = flat_note(ANNEX_NOTE[document])
    empty = Reference.objects.filter(document__slug=document, quote="").exclude(paragraph="")
    for ref in empty:
        number, letters = re.fullmatch(r"(\d+)([a-z]*)", ref.paragraph).groups()
        cited = CITATION.format(number=number, letters=re.escape(letters))
        assert not re.search(cited, text), f"{ref}: the note quotes §{ref.paragraph}"
        assert "quotes no text" in ref.note
    assert {r.paragraph for r in empty} == (
        {"36b", "54", "42"} if document == "gcm-final" else set()
    )


def test_each_notes_wording_of_a_paragraph_is_kept_with_its_note():
    """003 quotes §47 and §50 of the final GCM, 004 its Article 50, in their own words."""
    quotes = ReferenceQuote.objects.select_related("reference__document", "source")
    assert quotes.count() == 4
    for quote in quotes:
        text = flat_note(quote.source.slug)
        assert quote.source.kind == Document.Kind.IOM_NOTE
        assert quote.source.slug != ANNEX_NOTE[quote.reference.document.slug]
        assert quote.source in quote.reference.sources.all()
        start = text.find(flat(quote.text))
        assert start >= 0, f"{quote}: not in {quote.source.slug}"
        if quote.cited_as.startswith("("):
            following = text[start + len(flat(quote.text)) :].lstrip()
            assert following.startswith(quote.cited_as), f"{quote}: cited {following[:12]}"
        else:
            assert quote.cited_as in text

    rcp47 = Reference.objects.get(
        document__slug="gcm-final",
        wording="regional consultative process on migration",
        paragraph="47",
    )
    (by_003,) = rcp47.quotes.all()
    assert by_003.source.slug == NOTE_003 and by_003.cited_as == "(§47)"
    assert "share good practices on policies and cooperation" in by_003.text
    assert "share good practices" not in rcp47.quote  # 002's wording stops earlier
    article_50 = ReferenceQuote.objects.get(source__slug=NOTE_004)
    assert article_50.reference.paragraph == "50"
    assert article_50.text == '"sub-regional, regional and cross-regional processes, platforms"'


# ---------------------------------------------------------------- other actors' objectives


@pytest.mark.parametrize(
    ("document", "group", "objectives"),
    [
        ("gcm-zero-draft-rev1", "iscm", [6, 14, 18, 19]),
        ("gcm-final", "iscm", [6, 14, 18]),
        ("gcm-final", "igo", [8, 12, 23]),
        ("gcm-final", "ifi", [10, 20, 23]),
    ],
)
def test_objective_links_of_actors_other_than_the_non_state_groups(document, group, objectives):
    link = StakeholderEngagement.objects.get(document__slug=document, group=group)
    assert sorted(link.objectives.values_list("number", flat=True)) == objectives
    assert [s.slug for s in link.sources.all()] == [ANNEX_NOTE[document]]
    assert flat(link.statement) in flat_note(ANNEX_NOTE[document])
    if group != "ifi":  # the IFI sentence names its objectives by theme
        named = re.findall(r"Objectives? (\d+)", link.statement)
        assert sorted(map(int, named)) == objectives


def test_the_ifi_sentence_names_its_objectives_by_theme():
    link = StakeholderEngagement.objects.get(document__slug="gcm-final", group="ifi")
    for theme in ("remittances (§ 36)", "counter-trafficking (§ 26d)", "international cooperation"):
        assert theme in link.statement
    assert "international cooperation (§ 23d)" in flat_note(NOTE_002)


def test_only_the_five_non_state_groups_carry_a_bare_label():
    others = StakeholderEngagement.objects.exclude(group__in=NON_STATE_GROUPS)
    assert others.count() == 4 and all(o.statement for o in others)
