"""The seeded GCM data agrees with the IOM notes it cites.

Expected values are read from the notes in ``sources/notes/`` wherever a note states them
(004's list of objectives and principles, the annex tables of 000 and 002, their entry-point
tables and stakeholder lists), so the seed is compared with the note, not with itself.
"""

import re
from collections import Counter
from functools import cache

import pytest

from gcm.models import (
    NON_STATE_GROUPS,
    EntryPoint,
    GuidingPrinciple,
    Objective,
    Reference,
    StakeholderEngagement,
    objective_for_paragraph,
    split_paragraph,
)
from sources.models import Document
from sources.notes import read_note

pytestmark = pytest.mark.django_db

ZERO, FINAL = "gcm-zero-draft-rev1", "gcm-final"
NOTE_OF = {ZERO: "iom-note-zero-draft-rev1", FINAL: "iom-note-final-gcm"}
NOTE_004 = "iom-grcp9-summary-report-2021"


@cache
def note_lines(slug: str) -> tuple[str, ...]:
    return tuple(read_note(Document.objects.get(slug=slug).seed_file).split("\n"))


@cache
def flat_note(slug: str) -> str:
    """The note as running text: bullets and bold markers gone, whitespace collapsed."""
    lines = (re.sub(r"^\s*-\s+", "", line).replace("**", "") for line in note_lines(slug))
    return " ".join(" ".join(lines).split())


def flat(text: str) -> str:
    return " ".join(text.split())


def section(slug: str, start: str, end: str) -> list[str]:
    """The note's lines after the line ``start`` up to the line ``end`` (exact lines)."""
    lines = note_lines(slug)
    first = lines.index(start) + 1
    return list(lines[first : lines.index(end, first)])


# ---------------------------------------------------------------- objectives and principles


def questionnaire_list(pattern: str) -> dict:
    """004, question 18: "- (1) Collect and utilize ..." lines, exactly as printed."""
    lines = section(NOTE_004, "GCM Objectives", "ANNEX II: GRCP 9 Background")
    return {m[1]: m[2] for line in lines if (m := re.fullmatch(pattern, line))}


def test_the_23_objective_titles_are_004s_questionnaire_list():
    expected = {int(k): v for k, v in questionnaire_list(r"- \((\d+)\) (.+)").items()}
    assert sorted(expected) == list(range(1, 24))
    seeded = dict(Objective.objects.values_list("number", "title"))
    assert seeded == expected


def test_the_10_guiding_principles_are_004s_questionnaire_list():
    expected = questionnaire_list(r"- \(([a-j])\) (.+)")
    assert sorted(expected) == list("abcdefghij")
    assert dict(GuidingPrinciple.objects.values_list("letter", "title")) == expected


def test_short_titles_come_from_002s_entry_point_table_or_stay_blank():
    """The label of an objective's first row in 002's table (regional before global)."""
    labels = {}
    for line in note_lines(NOTE_OF[FINAL]):
        if m := re.match(r"Objective (\d+)\. ([^\t]+)\t", line):
            labels.setdefault(int(m[1]), m[2].strip())
    assert len(labels) == 13
    seeded = dict(Objective.objects.values_list("number", "short_title"))
    assert seeded == {n: labels.get(n, "") for n in range(1, 24)}
    assert seeded[1] == "Data" and seeded[14] == "Consular protection and assistance"


# ---------------------------------------------------------------- references


def annex_table(slug: str) -> list[tuple[str, str]]:
    """(wording, paragraph) for every paragraph of every row of the note's annex tables."""
    lines = note_lines(slug)
    start = next(i for i, line in enumerate(lines) if line.startswith("Annex. References"))
    rows = []
    for line in lines[start:]:
        if m := re.fullmatch(r"([^\t]+)\t\s*(§.*)", line):
            for p in re.findall(r"§\s*(\d+\s*[a-z]*)", m[2]):
                rows.append((m[1].strip(), p.replace(" ", "")))
        elif m := re.fullmatch(r"([^\t]+)\tNo more mentioned", line):
            rows.append((m[1].strip(), ""))
    return rows


@pytest.mark.parametrize("document", [ZERO, FINAL])
def test_every_row_of_the_annex_tables_is_a_reference(document):
    rows = annex_table(NOTE_OF[document])
    assert len(rows) > 25
    seeded = set(
        Reference.objects.filter(document__slug=document).values_list("wording", "paragraph")
    )
    missing = [row for row in rows if row not in seeded]
    assert missing == []


def test_reference_counts_per_document_and_group():
    counts = Counter(Reference.objects.values_list("document__slug", "group"))
    assert {g: n for (d, g), n in counts.items() if d == ZERO} == {
        "iscm": 22,
        "other": 2,
        "igo": 2,
        "iom": 5,
        "non-state": 47,
    }
    assert {g: n for (d, g), n in counts.items() if d == FINAL} == {
        "iscm": 16,
        "igo": 8,
        "other": 29,
        "non-state": 65,
    }
    # 000: 31 table entries + 47 stakeholder paragraphs (section V); 002: 50 table entries,
    # 3 quotes on (international) financial institutions, 65 stakeholder paragraphs.
    assert len(annex_table(NOTE_OF[ZERO])) == 31
    assert len(annex_table(NOTE_OF[FINAL])) == 50


CITATION = re.compile(r"\s*\(§\s*(\d+)\s*([A-Za-z]*)")


@pytest.mark.parametrize("document", [ZERO, FINAL])
def test_every_quote_is_the_notes_text_cited_at_the_references_paragraph(document):
    """Each quote occurs in the note and the note cites it at the reference's paragraph.

    Where the note cites the quote differently from its table (§50e, §23I), the reference's
    note says so and that citation is what must follow the quote.
    """
    slug = NOTE_OF[document]
    text = flat_note(slug)
    quoted = 0
    for ref in Reference.objects.filter(document__slug=document).exclude(quote=""):
        expected = ref.paragraph
        if m := re.search(r"cites this quote as §(\w+)", ref.note):
            expected = m[1]
        for part in ref.quote.split("\n\n"):
            part = flat(part)
            starts = [m.end() for m in re.finditer(re.escape(part), text)]
            assert starts, f"{ref}: quote not in the note: {part[:60]}"
            cited = {"".join(c.groups()) for s in starts if (c := CITATION.match(text, s))}
            assert expected in cited, f"{ref}: cited as {cited}"
            quoted += 1
        if ref.heading:
            assert flat(ref.heading) in text
    assert quoted > 70


def test_sampled_references_of_the_final_gcm():
    rcp = Reference.objects.filter(
        document__slug=FINAL, wording="regional consultative process on migration"
    )
    assert sorted(rcp.values_list("paragraph", flat=True)) == ["47", "50", "52"]
    assert "provide platforms to exchange experiences" in rcp.get(paragraph="47").quote
    assert "to review the implementation of the Global Compact" in rcp.get(paragraph="50").quote
    assert "State-led initiatives on international migration" in rcp.get(paragraph="52").quote
    assert {s.slug for s in rcp.get(paragraph="50").sources.all()} == {
        "iom-note-final-gcm",
        "iom-discussion-paper-regional-dimensions-2018",
    }
    gfmd = Reference.objects.filter(document__slug=FINAL, mechanisms__slug="gfmd")
    assert set(gfmd.values_list("paragraph", flat=True)) == {"3", "34f", "36b", "43c", "47", "51"}
    assert gfmd.get(paragraph="36b").quote == ""  # listed, but the note quotes nothing
    imrf = Reference.objects.get(
        document__slug=FINAL, wording="International Migration Review Forum", paragraph="50"
    )
    assert "§50e" in imrf.note and "inform each edition" in imrf.quote
    idm = Reference.objects.get(document__slug=FINAL, mechanisms__slug="idm")
    assert (idm.paragraph, idm.group) == ("52", "other")
    ifi = Reference.objects.get(
        document__slug=FINAL, wording="International financial institutions", paragraph="43biii"
    )
    assert ifi.group == "igo" and ifi.paragraph_number == 43 and ifi.objective is None


def test_sampled_references_of_the_zero_draft():
    rcp = Reference.objects.filter(
        document__slug=ZERO, wording="Regional consultative process on migration"
    )
    assert sorted(rcp.values_list("paragraph", flat=True)) == ["44", "47", "48"]
    assert "Regional Consultative Processes and other global" in rcp.get(paragraph="44").quote
    assert "United Nations Regional Economic Commissions" in rcp.get(paragraph="47").quote
    assert "the IOM International Dialogue" in rcp.get(paragraph="48").quote
    assert all(r.heading == "RCPs" and r.group == "iscm" for r in rcp)
    rmrf = Reference.objects.get(document__slug=ZERO, wording="Regional Migration Review Forum")
    assert (rmrf.paragraph, rmrf.paragraph_number, rmrf.note) == ("", None, "No more mentioned")
    # ... although 000's own §48 quote still speaks of the Regional Migration Review Fora.
    imrf48 = Reference.objects.get(
        document__slug=ZERO, wording="International Migration Review Forum", paragraph="48"
    )
    assert "Regional Migration Review Fora" in imrf48.quote
    assert [m.slug for m in imrf48.mechanisms.all()] == ["imrf"]
    hld = Reference.objects.filter(document__slug=ZERO, wording="UN HLD IM")
    assert sorted(hld.values_list("paragraph", flat=True)) == ["3", "46a", "5"]
    private = Reference.objects.get(document__slug=ZERO, wording="Private Sector", paragraph="14")
    assert private.group == "non-state" and len(private.quote.split("\n\n")) == 2


def test_paragraphs_map_to_objectives_as_each_text_numbers_them():
    def objective(document, wording, paragraph):
        ref = Reference.objects.get(document__slug=document, wording=wording, paragraph=paragraph)
        return ref.objective.number if ref.objective else None

    assert objective(FINAL, "existing bilateral, subregional and regional platforms", "22b") == 6
    assert objective(ZERO, "existing regional platforms", "21c") == 6
    assert objective(FINAL, "international organizations", "39d") == 23
    assert objective(ZERO, "existing global and regional fora on migration", "29b") == 14
    assert objective(FINAL, "existing global and regional forums on migration", "30b") == 14
    assert objective(FINAL, "regional consultative process on migration", "47") is None
    assert objective(FINAL, "Civil society", "15j") is None  # §15 precedes the objectives


def test_every_reference_agrees_with_objective_for_paragraph():
    refs = Reference.objects.select_related("document", "objective")
    for ref in refs:
        number = split_paragraph(ref.paragraph)[0] if ref.paragraph else None
        assert ref.paragraph_number == number, ref
        derived = objective_for_paragraph(ref.document, ref.paragraph_number)
        assert (ref.objective.number if ref.objective else None) == derived, ref
    assert refs.filter(objective__isnull=False).count() > 100


# ---------------------------------------------------------------- entry points


def entry_point_rows(slug: str) -> dict[str, list[int]]:
    """Objective numbers of the table's rows per level, in the note's order."""
    rows, level = {"regional": [], "global": []}, None
    for line in note_lines(slug):
        if line.startswith("Regional level"):
            level = "regional"
        elif line.startswith("Global level"):
            level = "global"
        elif level and (m := re.match(r"Objective (\d+)\.", line)):
            rows[level].append(int(m[1]))
        elif line.startswith(("Annex.", "Other Regional Actors")):
            break
    return rows


def table_cells(slug: str) -> set[str]:
    """Every non-empty cell of the note's tab-separated lines (a row broken over a page
    break leaves its pieces in several lines)."""
    return {c.strip() for line in note_lines(slug) if "\t" in line for c in line.split("\t")} - {""}


def made_of(value: str, cells: set[str]) -> bool:
    """``value`` is one cell, or cells of the note joined by single spaces, in order."""
    if value in cells:
        return True
    return any(
        value.startswith(cell + " ") and made_of(value[len(cell) + 1 :], cells) for cell in cells
    )


@pytest.mark.parametrize("document", [ZERO, FINAL])
def test_entry_points_are_every_row_of_the_notes_table(document):
    slug = NOTE_OF[document]
    expected = entry_point_rows(slug)
    assert (len(expected["regional"]), len(expected["global"])) == (11, 8)
    cells = table_cells(slug)
    for level, numbers in expected.items():
        points = EntryPoint.objects.filter(document__slug=document, level=level).select_related(
            "objective"
        )
        assert sorted(p.objective.number for p in points) == sorted(numbers)
        for point in points:
            assert point.objective_label.startswith(f"Objective {point.objective.number}. ")
            for value in (point.objective_label, point.action, point.engagement):
                assert made_of(value, cells), f"{point}: {value[:60]}"


def test_entry_points_joined_across_page_breaks():
    def point(document, level, number):
        return EntryPoint.objects.get(
            document__slug=document, level=level, objective__number=number
        )

    p = point(ZERO, "regional", 19)
    assert p.objective_label == "Objective 19. Migrants' contribution to sustainable development"
    assert p.action.endswith(
        "on effectively integrating migration into development planning "
        "and sectoral policies at regional, national and local levels"
    )
    assert point(ZERO, "global", 21).action.endswith("facilitate sustainable reintegration")
    assert "as well as on identification of" in point(ZERO, "regional", 10).action
    assert point(FINAL, "regional", 5).action.endswith("and labour mobility cooperation frameworks")
    assert point(FINAL, "regional", 12).action.endswith("under aggravating circumstances")


# ---------------------------------------------------------------- stakeholders


@pytest.mark.parametrize("document", [ZERO, FINAL])
def test_stakeholder_groups_list_the_objectives_the_note_gives(document):
    text = flat_note(NOTE_OF[document])
    engagements = StakeholderEngagement.objects.filter(
        document__slug=document, group__in=NON_STATE_GROUPS
    )
    assert {e.group for e in engagements} == set(NON_STATE_GROUPS)
    for engagement in engagements.prefetch_related("objectives"):
        m = re.search(re.escape(engagement.label) + r" \(Objectives ([\d, ]+)\)", text)
        assert m, engagement
        expected = sorted(int(n) for n in m[1].split(","))
        assert sorted(o.number for o in engagement.objectives.all()) == expected


def test_zero_draft_stakeholder_lists():
    lists = {
        e.group: sorted(e.objectives.values_list("number", flat=True))
        for e in StakeholderEngagement.objects.filter(
            document__slug=ZERO, group__in=NON_STATE_GROUPS
        )
    }
    assert lists == {
        "cso": [2, 3, 12],
        "trade-unions": [5, 6],
        "diasporas": [3, 16, 17, 19],
        "local": [2, 3, 5, 7, 8, 12, 16, 19],
        "private-sector": [2, 3, 5, 6, 11, 20],
    }


# ---------------------------------------------------------------- provenance


@pytest.mark.parametrize(
    "model", [Objective, GuidingPrinciple, Reference, EntryPoint, StakeholderEngagement]
)
def test_every_record_cites_an_iom_note(model):
    records = model.objects.prefetch_related("sources")
    assert records.exists()
    for record in records:
        kinds = {s.kind for s in record.sources.all()}
        assert kinds == {Document.Kind.IOM_NOTE}, record


@pytest.mark.parametrize("model", [Reference, EntryPoint, StakeholderEngagement])
def test_records_of_a_text_cite_the_note_on_that_text(model):
    for record in model.objects.select_related("document").prefetch_related("sources"):
        assert NOTE_OF[record.document.slug] in {s.slug for s in record.sources.all()}, record
