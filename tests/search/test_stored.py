"""The stored search documents (search/migrations/0002) stay the kinds' documents and stay
current under every kind of write; a kind that matches more than SEARCH_DEPTH is capped."""

import importlib

import pytest
from django.db import connection

from gcm.models import Reference
from mechanisms.models import Mechanism, MechanismName
from search import engine
from search.engine import KINDS, document, kinds, search_kind, search_vector
from surveys.models import Answer, Response
from surveys.visibility import PUBLIC_ANSWERS
from tests.pages.conftest import make_mechanism

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stored documents: PostgreSQL only"
)

MIGRATION = importlib.import_module("search.migrations.0002_stored_documents")
# The documents as the latest migration that changed them leaves them.
LATEST = importlib.import_module("search.migrations.0003_translations_searchable")


def stored():
    """(model, fields, column) of every kind and related table with a stored document."""
    kinds()
    found = []
    for kind in KINDS.values():
        for part in (kind, *kind.related):
            if part.document:
                found.append((part.queryset().model, part.fields, part.document))
    return found


def test_the_migration_stores_exactly_the_kinds_fields():
    in_kinds = {(m._meta.app_label, m.__name__): f for m, f, _ in stored()}
    in_migration = {(app, name): fields for app, name, fields, _ in LATEST.STORED}
    assert in_kinds == in_migration
    assert {column for _, _, column in stored()} == {MIGRATION.COLUMN}


@postgres_only
def test_each_stored_document_is_the_kinds_document_row_by_row():
    for model, fields, column in stored():
        rows = list(
            model._base_manager.annotate(
                _stored=document(fields, column), _computed=search_vector(fields)
            ).values_list("pk", "_stored", "_computed")
        )
        assert rows, f"{model.__name__}: no rows to compare"
        differing = [pk for pk, kept, computed in rows if kept != computed]
        assert not differing, f"{model.__name__}: stored document differs for {differing[:5]}"


def found(query, kind_key):
    kinds()
    return [hit.obj.pk for hit in search_kind(KINDS[kind_key], query, limit=50).hits]


def test_a_record_written_through_the_orm_is_found_by_its_new_words():
    mechanism = make_mechanism("stored-test", acronym="STT", name="Zephyrine Forum")
    assert found("zephyrine", "mechanism") == [mechanism.pk]
    mechanism.name = "Quillwort Forum"
    mechanism.save()
    assert found("quillwort", "mechanism") == [mechanism.pk]
    assert found("zephyrine", "mechanism") == []

    # bulk_create (synthesize, import) and QuerySet.update (no save(), no signal).
    [bulk] = Mechanism.objects.bulk_create(
        [Mechanism(slug="stored-bulk", name="Marramgrass Dialogue", kind="rcp")]
    )
    assert found("marramgrass", "mechanism") == [bulk.pk]
    Mechanism.objects.filter(pk=bulk.pk).update(description="On samphire corridors.")
    assert found("samphire", "mechanism") == [bulk.pk]

    # A former name finds its mechanism; renamed, by the new name only.
    former = MechanismName.objects.create(mechanism=bulk, name="Sedgebrook Talks", kind="former")
    assert found("sedgebrook", "mechanism") == [bulk.pk]
    former.name = "Fernhollow Talks"
    former.save()
    assert found("fernhollow", "mechanism") == [bulk.pk]
    assert found("sedgebrook", "mechanism") == []

    reference = Reference.objects.order_by("pk").first()
    Reference.objects.filter(pk=reference.pk).update(quote="A quote on wolfsbane returns.")
    assert found("wolfsbane", "reference") == [reference.pk]

    answer = Answer.objects.filter(
        PUBLIC_ANSWERS, response__status=Response.Status.SUBMITTED
    ).first()
    answer.statement = "Cloudberry exchanges between secretariats."
    answer.save()
    assert found("cloudberry", "answer") == [answer.pk]


@pytest.fixture
def depth_3(monkeypatch):
    monkeypatch.setattr(engine, "SEARCH_DEPTH", 3)


def test_a_kind_matching_more_than_the_depth_says_so_and_pages_that_far(depth_3, client):
    for i in range(5):
        make_mechanism(f"capped-{i}", acronym=f"CP{i}", name=f"Capwort Forum {i}")
    # Better than the others, but past the first matches by id: the trade of a bound.
    make_mechanism("capped-best", acronym="CPB", name="Capwort Capwort")
    kinds()
    result = search_kind(KINDS["mechanism"], "capwort", limit=5)
    assert result.capped and result.total == 3
    assert [h.obj.slug for h in result.hits] == ["capped-0", "capped-1", "capped-2"]
    assert result.count_label == "more than 3"
    assert search_kind(KINDS["mechanism"], "capwort", offset=3).hits == []

    html = client.get("/search/", {"q": "capwort"}).content.decode()
    assert "More than 3 records found" in html and "3 of more than 3 mechanisms" in html
    page = client.get("/search/", {"q": "capwort", "kind": "mechanism"}).content.decode()
    assert "More than 3 records match" in page and page.count('class="hit"') == 3

    body = client.get("/api/v1/search/", {"q": "capwort", "kind": "mechanism"}).json()
    assert body["count"] == 3 and len(body["results"]) == 3
    past = client.get("/api/v1/search/", {"q": "capwort", "kind": "mechanism", "page": 2})
    assert past.status_code == 400


def test_a_kind_matching_exactly_the_depth_is_not_capped(depth_3):
    for i in range(3):
        make_mechanism(f"uncapped-{i}", acronym=f"UC{i}", name=f"Bindweed Forum {i}")
    kinds()
    result = search_kind(KINDS["mechanism"], "bindweed", limit=5)
    assert not result.capped and result.total == 3 and result.count_label == "3"


@postgres_only
def test_the_trigram_bonus_is_the_case_it_replaces():
    from django.db.models import Case, F, FloatField, Value, When
    from django.db.models.functions import Cast

    from search.engine import TRIGRAM_THRESHOLD, TrigramBonus

    values = [0.0, 0.3, 0.61999, TRIGRAM_THRESHOLD, 0.8, 1.0]
    rows = (
        Mechanism.objects.annotate(s=Cast(Value(v), FloatField()))
        .annotate(
            bonus=TrigramBonus(F("s")),
            case=Case(
                When(s__gte=TRIGRAM_THRESHOLD, then=F("s") * Value(0.5)),
                default=Value(0.0),
                output_field=FloatField(),
            ),
        )
        .values_list("bonus", "case")[0]
        for v in values
    )
    for bonus, case in rows:
        assert bonus == case


@postgres_only
def test_the_search_runs_without_parallel_workers():
    from django.db import transaction

    from search.engine import search_all

    with transaction.atomic(), connection.cursor() as cursor:
        search_all("forum")
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"


def test_an_editors_french_and_spanish_names_are_searched(client):
    # Kept by the trigger on PostgreSQL (search/migrations/0003), computed on SQLite.
    mechanism = make_mechanism("andes-test", name="Southern Andes Test Dialogue")
    mechanism.name_fr = "Dialogue des Andes australes"
    mechanism.description_es = "Un foro de cordilleras meridionales."
    mechanism.save()
    assert mechanism.pk in found("australes", "mechanism")
    assert mechanism.pk in found("cordilleras meridionales", "mechanism")
    body = client.get("/fr/search/?q=australes").content.decode()
    assert mechanism.get_absolute_url() in body
