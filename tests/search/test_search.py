"""Site search: every kind of record is found on the first page, on SQLite and PostgreSQL.

The same tests run on both back ends (the suite runs twice); PostgreSQL-only behaviour
(stemming beyond plain words, typos) is marked so.
"""

import pytest
from django.db import connection

from mechanisms.models import Mechanism, MechanismName
from search.engine import kinds, search_all
from tests.pages.conftest import make_mechanism

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text stemming and trigrams: PostgreSQL"
)

# (kind, query, how the wanted record's title reads)
FINDS = [
    ("mechanism", "Budapest Process", "Budapest Process"),
    ("mechanism", "Puebla", "Regional Conference on Migration"),  # another name
    ("mechanism", "Intra-Regional Forum", "Pan-African Forum"),  # a former name
    ("mechanism", "MIDSA", "Migration Dialogue for Southern Africa"),  # an acronym
    ("objective", "remittances", "Objective 20"),
    ("organization", "ASEAN", "Association of Southeast Asian Nations"),
    ("region", "Middle East", "Middle East"),
    ("reference", "Global Forum on Migration and Development launched", "§3"),
    ("entry-point", "harmonizing methodologies for data collection", "Objective 1"),
    ("answer", "AU HoAI Almaty", "AU HoAI"),
    ("published-figure", "ISCMs approached for the survey", "approached"),
    ("source", "Regional Consultations in Support", "Regional Consultations"),
    # issue 10's records (tests/search/conftest.py adds them)
    ("country", "Mexico", "Mexico"),
    ("event", "Ninth Global Meeting", "GRCP 9"),
    ("role", "Okonkwo", "Adaeze Okonkwo-Test"),
    ("statement", "labour mobility corridors", "Recommendation"),
    ("definition", "information-sharing policy dialogue", "Inter-State consultation mechanism"),
]


def hits_of(query, kind):
    groups = {g.kind.key: g for g in search_all(query)}
    assert kind in groups, f"{query!r} found no {kind}: {sorted(groups)}"
    return [h.title for h in groups[kind].hits]


@pytest.mark.parametrize(("kind", "query", "title"), FINDS)
def test_a_query_for_each_kind_finds_it_on_the_first_page(kind, query, title, issue10_records):
    assert any(title in t for t in hits_of(query, kind)), hits_of(query, kind)


def test_every_registered_kind_has_a_finding_test():
    assert {k.key for k in kinds()} <= {kind for kind, _, _ in FINDS}


@pytest.mark.parametrize(
    "query", ["budapest process", "BUDAPEST", "Búdapést", "budapest, process!"]
)
def test_case_accents_and_punctuation_do_not_matter(query):
    assert "Budapest Process (BP)" in hits_of(query, "mechanism")


def test_accented_names_are_found_by_plain_words():
    make_mechanism("dialogo-test", acronym="DST", name="Diálogo Sudamericano de Pruebas")
    assert any("Diálogo Sudamericano" in t for t in hits_of("dialogo sudamericano", "mechanism"))


def test_plural_finds_singular():
    """ "remittances" finds the paragraphs that say "remittance" too (stemming/fallback)."""
    make_mechanism("remit-test", acronym="RMT", name="Remittance Test Forum")
    assert any("Remittance Test Forum" in t for t in hits_of("remittances", "mechanism"))


@postgres_only
def test_a_small_typo_is_forgiven():
    assert "Budapest Process (BP)" in hits_of("Budapst", "mechanism")


def test_nothing_found_and_nonsense_are_empty():
    assert search_all("zzqxw") == []
    assert search_all("&|!():*") == []


def test_snippets_mark_the_words_and_escape_the_text():
    m = make_mechanism("snip-test", acronym="SNP", name="Snippet Forum")
    m.description = "A <script>dialogue</script> on labour mobility and snippets."
    m.save()
    [hit] = [h for g in search_all("snippet forum") for h in g.hits if h.obj.pk == m.pk]
    assert "<mark>snippets</mark>" in hit.snippet or "<mark>Snippet" in hit.snippet
    assert "<script>" not in hit.snippet


def test_best_match_ranks_first():
    titles = hits_of("Bali Process", "mechanism")
    assert titles[0].startswith("Bali Process")


def test_former_names_find_their_mechanism_once():
    m = Mechanism.objects.get(slug="pafom")
    MechanismName.objects.create(mechanism=m, name="Intra-Regional Forum Duplicate", kind="former")
    titles = hits_of("Intra-Regional Forum", "mechanism")
    assert titles.count(str(m)) == 1


def test_personal_answers_and_drafts_are_never_found():
    """Private stays private: a respondent's name or a draft answer is not searchable."""
    from surveys.models import Answer, Question, Response, Survey

    m = make_mechanism("private-test", acronym="PVT", name="Private Test Forum")
    survey = Survey.objects.create(slug="private-survey", title="Private survey", year=2022)
    personal = Question.objects.create(
        survey=survey, number=1, text="Your name?", kind="text", personal_data=True
    )
    public = Question.objects.create(survey=survey, number=2, text="Practice?", kind="text")
    submitted = Response.objects.create(survey=survey, mechanism=m)
    Answer.objects.create(response=submitted, question=personal, text="Zebulon Quaxworth")
    Answer.objects.create(response=submitted, question=public, text="Quaxworth portal idea")
    other = Survey.objects.create(slug="private-survey-2", title="Other survey", year=2023)
    q = Question.objects.create(survey=other, number=1, text="Draft?", kind="text")
    draft = Response.objects.create(survey=other, mechanism=m, status="draft")
    Answer.objects.create(response=draft, question=q, text="Quaxworth draft thoughts")
    hits = [str(h.snippet) for g in search_all("Quaxworth") for h in g.hits]
    assert len(hits) == 1 and "portal idea" in hits[0]


def test_a_long_query_over_every_kind_answers(client):
    """Regression: on SQLite the rank of a many-word query over a kind of many fields nested
    past the parser's stack ("parser stack overflow", a 500)."""
    words = "global forum on migration and development launched regional dialogue review states"
    response = client.get("/search/", {"q": words})
    assert response.status_code == 200
    assert client.get("/api/v1/search/", {"q": words}).status_code == 200
