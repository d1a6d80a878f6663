"""The seeded mechanisms, regions, organizations and GRCP meetings agree with the IOM notes.

Expected counts are read from the notes themselves (000's "16 active RCPs", 004's "23
inter-State consultation mechanisms", ...) and seeded names are looked up in the note each
record cites, so a wrong citation or a name no note gives fails here.
"""

import re
from functools import cache

import pytest
from django.apps import apps

from gcm.models import MechanismObjective
from mechanisms.models import Mechanism, MechanismName, Meeting, Organization, Region
from sources.models import Document, Sourced
from sources.notes import read_note

pytestmark = pytest.mark.django_db

NOTE_000 = "iom-note-zero-draft-rev1"
NOTE_001 = "iom-note-regional-consultations-2017"
NOTE_004 = "iom-grcp9-summary-report-2021"
# The 29 mechanisms of the 2021 questionnaire (004, question 1), canonical slugs (COMMON brief).
QUESTIONNAIRE_SLUGS = {
    "5-5-dialogue", "au-hoai", "almaty-process", "arcp", "bali-process", "budapest-process",
    "cmc", "ocam", "khartoum-process", "rabat-process", "gfmd", "riam", "igc", "quito-process",
    "mideac", "mid-igad", "midsa", "midiocc", "midwa", "midcom", "abu-dhabi-dialogue",
    "acp-eu-dialogue", "pidc", "pafom", "prague-process", "rcm", "colombo-process", "rmfm",
    "sacm",
}  # fmt: skip


def normalise(text: str) -> str:
    """Whitespace collapsed, links ``[text](#)`` reduced to their text, ``\\(`` unescaped."""
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text).replace("\\", "")
    return " ".join(text.split())


@cache
def raw_note(slug: str) -> str:
    return read_note(Document.objects.get(slug=slug).seed_file)


def note(slug: str) -> str:
    return normalise(raw_note(slug))


def between(text: str, start: str, end: str) -> str:
    """The part of ``text`` from ``start`` up to ``end`` (both must occur, in that order)."""
    begin = text.index(start)
    return text[begin : text.index(end, begin)]


def labels(mechanism: Mechanism) -> list[str]:
    """Every wording a note may use for the mechanism: name, acronym, other names."""
    found = [mechanism.name, *(n.name for n in mechanism.names.all())]
    found += [a for a in [mechanism.acronym, *(n.acronym for n in mechanism.names.all())] if a]
    return found


def mentions(text: str, mechanism: Mechanism) -> bool:
    return any(label in text for label in labels(mechanism))


def listed(kind: str) -> list[Mechanism]:
    return list(
        Mechanism.objects.filter(kind=kind, sources__slug=NOTE_000).prefetch_related("names")
    )


# --- 000's 2017 lists ------------------------------------------------------------------------


def test_every_active_rcp_of_000_is_seeded_as_an_active_rcp():
    text = note(NOTE_000)
    stated = int(re.search(r"Currently there are (\d+) active RCPs", text).group(1))
    section = between(text, "Regional Consultative Processes on Migration²", "¹ The general term")
    rcps = listed(Mechanism.Kind.RCP)
    assert stated == 16
    assert len(rcps) == stated
    assert {m.status for m in rcps} == {Mechanism.Status.ACTIVE}
    missing = [m.slug for m in rcps if not mentions(section, m)]
    assert missing == [], f"not in 000's RCP list: {missing}"


def test_every_active_irf_of_000_is_seeded_with_its_region_label():
    text = note(NOTE_000)
    stated = int(re.search(r"Only active IRFs \((\d+)\) are listed", text).group(1))
    section = between(text, "Inter-regional Forums on Migration³", "³ Inter-Regional Forums")
    irfs = listed(Mechanism.Kind.IRF)
    assert stated == 12
    assert len(irfs) == stated
    assert {m.status for m in irfs} == {Mechanism.Status.ACTIVE}
    assert [m.slug for m in irfs if not mentions(section, m)] == []
    assert [m.slug for m in irfs if not m.region_label or m.region_label not in section] == []


def test_global_processes_of_000_and_its_footnote_4():
    text = note(NOTE_000)
    major = between(text, "Global Processes on Migration⁴", "⁴ Global Processes")
    footnote = text[text.index("Other global processes that address specific areas") :]
    seeded = listed(Mechanism.Kind.GLOBAL)
    active = [m for m in seeded if m.status == Mechanism.Status.ACTIVE]
    others = [m for m in seeded if not m.status and m.slug != "imrf"]
    assert {m.slug for m in active} == {"gfmd", "idm"}
    assert all(mentions(major, m) for m in active)
    # 000 lists the UN HLD IM; no note says the IMRF it became is active (issue 10, item 8).
    assert mentions(major, Mechanism.objects.get(slug="imrf"))
    # The footnote names four more, without saying whether they are active.
    assert len(others) == 4
    assert all(m.name.removeprefix("UNHCR ").removeprefix("UNODC ") in footnote for m in others)


def test_mechanisms_only_in_001s_matrix_are_active_irfs_of_its_rows():
    matrix = note(NOTE_001)[note(NOTE_001).index("Annex. Matrix of Regional consultation") :]
    for slug, regions in {"mtm": {"africa", "europe-central-asia", "middle-east"},
                          "afml": {"asia-pacific"}}.items():  # fmt: skip
        mechanism = Mechanism.objects.get(slug=slug)
        assert mechanism.acronym in matrix
        assert (mechanism.kind, mechanism.status) == ("irf", "active")
        assert set(mechanism.regions.values_list("slug", flat=True)) == regions
        assert [d.slug for d in mechanism.sources.all()] == [NOTE_001]


def test_a_kind_is_only_seeded_where_000_or_001_gives_it():
    """004 names mechanisms (RMFM, Quito Process, ...) without saying RCP or IRF."""
    without_kind_source = Mechanism.objects.exclude(kind="").exclude(
        sources__slug__in=[NOTE_000, NOTE_001]
    )
    assert list(without_kind_source) == []
    for slug in ["rmfm", "quito-process", "midiocc", "mideac", "au-hoai"]:
        assert Mechanism.objects.get(slug=slug).kind == ""


def test_no_mechanism_is_dormant_or_emerging_as_no_note_names_one():
    assert not Mechanism.objects.filter(status__in=["dormant", "emerging"]).exists()


# --- 004: the 2021 questionnaire and the table of active ISCMs --------------------------------


def test_the_29_mechanisms_of_the_2021_questionnaire_exist_and_match_its_lines():
    text = raw_note(NOTE_004)
    block = between(text, "1. Please indicate which Inter-State", "2. What is your role")
    lines = [line.strip() for line in block.splitlines() if line.startswith("\t")]
    assert len(lines) == 29
    mechanisms = Mechanism.objects.filter(slug__in=QUESTIONNAIRE_SLUGS).prefetch_related("names")
    assert {m.slug for m in mechanisms} == QUESTIONNAIRE_SLUGS
    matched = {}
    for line in lines:
        hits = [m.slug for m in mechanisms if any(label in line for label in labels(m))]
        assert hits, f"no seeded mechanism for {line!r}"
        matched[line] = hits
    assert set().union(*matched.values()) == QUESTIONNAIRE_SLUGS


def test_mechanisms_in_004s_table_of_active_iscms_are_active():
    text = raw_note(NOTE_004)
    table = between(text, "ACTIVE ISCMs\t", "GPCR 9 was planned")
    for slug in ["abu-dhabi-dialogue", "midsa", "au-hoai", "midwa", "almaty-process", "ocam",
                 "arcp", "pafom"]:  # fmt: skip
        mechanism = Mechanism.objects.get(slug=slug)
        assert mentions(table, mechanism)
        assert mechanism.status == Mechanism.Status.ACTIVE
        assert NOTE_004 in {d.slug for d in mechanism.sources.all()}


# --- Names over time ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "name", "kind", "source"),
    [
        ("pidc", "Pacific Immigration Directors' Conference", "former", NOTE_000),
        ("rcm", "Puebla Process", "alternative", NOTE_000),
        ("pafom", "Intra-Regional Forum on Migration in Africa", "former", NOTE_000),
        (
            "imrf",
            "United Nations High-Level Dialogue on International Migration and Development",
            "former",
            NOTE_000,
        ),  # fmt: skip
        (
            "acp-eu-dialogue",
            "African, Caribbean and Pacific Group of States (ACP) — European "
            "Union (EU) Dialogue on Migration",
            "former",
            NOTE_000,
        ),  # fmt: skip
        (
            "arcp",
            "Arab Regional Consultative Process on Migration and Asylum Affairs",
            "alternative",
            NOTE_004,
        ),  # fmt: skip
        ("midsa", "Dialogue for Southern Africa", "alternative", NOTE_004),
        (
            "mid-igad",
            "Intergovernmental Authority on Development (IGAD) Regional Consultative "
            "Process on Migration",
            "alternative",
            NOTE_000,
        ),  # fmt: skip
    ],
)
def test_names_over_time(slug, name, kind, source):
    other = MechanismName.objects.get(mechanism__slug=slug, name=name)
    assert other.kind == kind
    assert source in {d.slug for d in other.sources.all()}


def test_current_names_are_those_of_the_latest_note():
    assert Mechanism.objects.get(slug="pidc").name == "Pacific Immigration Development Community"
    assert "OACPS" in Mechanism.objects.get(slug="acp-eu-dialogue").name
    assert Mechanism.objects.get(slug="imrf").name == "International Migration Review Forum"
    # Both acronyms of the IGAD process, as 004 gives them ("MID-IGAD or IGAD-RCP").
    igad = Mechanism.objects.get(slug="mid-igad")
    assert igad.acronym == "MID-IGAD"
    assert igad.names.filter(acronym="IGAD-RCP").exists()
    # ARCP: 000 and 004's survey pages say "Refugee Affairs", 004's table "Asylum Affairs".
    assert Mechanism.objects.get(slug="arcp").name.endswith("Migration and Refugee Affairs")


def test_every_mechanism_is_named_in_each_note_it_cites():
    for mechanism in Mechanism.objects.prefetch_related("names", "sources"):
        for document in mechanism.sources.all():
            assert mentions(note(document.slug), mechanism), (mechanism.slug, document.slug)


def test_every_other_name_occurs_in_a_note_it_cites():
    for other in MechanismName.objects.prefetch_related("sources"):
        texts = [note(d.slug) for d in other.sources.all()]
        assert any(other.name in t or (other.acronym and other.acronym in t) for t in texts), (
            other.name
        )


def test_region_labels_are_000s_wording():
    text = note(NOTE_000)
    for label in Mechanism.objects.exclude(region_label="").values_list("region_label", flat=True):
        assert label in text


# --- Regions and organizations -----------------------------------------------------------------


def test_each_region_has_the_un_regional_commission_of_001s_matrix():
    matrix = note(NOTE_001)[note(NOTE_001).index("Annex. Matrix of Regional consultation") :]
    expected = {"africa": "UNECA", "americas": "UNECLAC", "asia-pacific": "UNESCAP",
                "europe-central-asia": "UNECE", "middle-east": "UNESCWA"}  # fmt: skip
    regions = Region.objects.prefetch_related("organizations")
    assert {r.slug for r in regions} == set(expected)
    for region in regions:
        commissions = region.un_regional_commissions
        assert [c.acronym for c in commissions] == [expected[region.slug]]
        assert f"{commissions[0].name} ({commissions[0].acronym})" in matrix


def test_regional_bodies_of_001s_matrix_are_organizations_of_their_regions():
    for slug, regions in {
        "au": {"africa", "middle-east"},
        "ecowas": {"africa"},
        "oas": {"americas"},
        "asean": {"asia-pacific"},
        "cis": {"europe-central-asia"},
        "gcc": {"middle-east"},
    }.items():
        organization = Organization.objects.get(slug=slug)
        assert organization.kind == Organization.Kind.REGIONAL_ORGANIZATION
        assert set(organization.regions.values_list("slug", flat=True)) == regions


def test_planned_consultations_follow_001s_matrix():
    assert "Cairo, Egypt" in Region.objects.get(slug="middle-east").planned_consultations
    assert "6-8 November 2017" in Region.objects.get(slug="asia-pacific").planned_consultations


def test_a_secretariat_organization_is_named_in_the_secretariat_text():
    for mechanism in Mechanism.objects.exclude(secretariat_organization=None).select_related(
        "secretariat_organization"
    ):
        organization = mechanism.secretariat_organization
        assert organization.name in mechanism.secretariat or (
            organization.acronym and organization.acronym in mechanism.secretariat
        ), mechanism.slug
    assert Mechanism.objects.get(slug="budapest-process").secretariat_organization.slug == "icmpd"


# --- GRCP meetings -----------------------------------------------------------------------------


def test_grcp_meetings_1_to_9_with_004s_years():
    text = note(NOTE_004)
    reports = between(text, "List of Previous GRCP Reports", "ANNEX VIII")
    meetings = {m.number: m for m in Meeting.objects.all()}
    assert set(meetings) == set(range(1, 10))
    assert meetings[1].year == 2005
    assert "The First GRCP Meeting was organized in 2005" in text
    for number in range(1, 9):
        assert meetings[number].report_title in reports
        assert f"{meetings[number].report_title}”, {meetings[number].year}" in reports or (
            re.search(
                rf"\(GRCP {number}\),? {meetings[number].year}", reports
            )  # 004 writes the year after the "(GRCP n)" of these entries
        ), number
    assert (meetings[7].dates, meetings[7].venue) == (
        "10 and 11 October 2017",
        "Geneva, Switzerland",
    )
    assert (meetings[9].year, meetings[9].dates) == (2021, "10-11 November 2021")


def test_grcp9_participants_follow_004s_annexes():
    text = note(NOTE_004)
    annex_vi = between(text, "I. Participants from ISCMs", "II. Host and Organizers")
    meeting = Meeting.objects.get(number=9)
    participations = list(meeting.participations.select_related("mechanism"))
    mechanisms = Mechanism.objects.filter(meetings=meeting).prefetch_related("names")
    assert len(participations) == 25  # the ISCMs of Annex VI's participant list
    assert all(mentions(annex_vi, m) for m in mechanisms)
    # The agenda's two session lists hold the "23 inter-State consultation mechanisms".
    brought_together = int(re.search(r"Heads of Secretariat of (\d+) inter-State", text).group(1))
    in_sessions = [p for p in participations if "Discussion Session" in p.role]
    assert len(in_sessions) == brought_together == 23
    spoke = int(re.search(r"including (\d+) ISCMs who spoke", text).group(1))
    assert len([p for p in participations if "speaker" in p.role]) == spoke == 18


# --- Provenance --------------------------------------------------------------------------------


def test_every_seeded_record_of_the_mechanisms_app_cites_a_note():
    models = [
        m
        for m in apps.get_app_config("mechanisms").get_models()
        if issubclass(m, Sourced) and not m.__name__.startswith("Historical")
    ]
    assert {m.__name__ for m in models} >= {
        "Region", "Organization", "Mechanism", "MechanismName", "Meeting", "Participation"
    }  # fmt: skip
    for model in models:
        assert model.objects.exists(), model.__name__
        assert not model.objects.filter(sources=None).exists(), model.__name__


def test_objective_links_quote_the_note_they_cite():
    links = list(MechanismObjective.objects.prefetch_related("sources"))
    assert len(links) >= 30
    for link in links:
        sources = list(link.sources.all())
        assert sources, link
        assert all(normalise(link.statement) in note(d.slug) for d in sources), link


@pytest.mark.parametrize(
    ("slug", "objectives"),
    [
        ("pidc", {9, 10, 11}),
        ("rcm", {5, 6, 9, 10, 11}),
        ("midsa", {1}),
        ("rmfm", {1, 5, 6, 22}),
    ],
)
def test_objective_links_from_004s_examples(slug, objectives):
    linked = set(
        MechanismObjective.objects.filter(mechanism__slug=slug).values_list(
            "objective__number", flat=True
        )
    )
    assert linked == objectives
