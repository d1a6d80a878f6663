"""The bulk dump: one zip of every public table as CSV and JSON with a manifest, served by
``manage.py dump`` and ``/api/v1/dump/``, and loadable into an empty database."""

import csv
import io
import json
import zipfile

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Model

from core.dump import PUBLIC_APPS, DumpError, load_dump, public_models, table_name, write_dump
from gcm.models import Reference
from mechanisms.models import Mechanism, Region
from sources.models import Document
from surveys.models import Answer, Choice, Question, Response, Survey


def make_dump() -> zipfile.ZipFile:
    buffer = io.BytesIO()
    write_dump(buffer)
    buffer.seek(0)
    return zipfile.ZipFile(buffer)


@pytest.fixture(scope="module")
def seeded_dump(django_db_setup, django_db_blocker) -> bytes:
    """The dump of the seeded database, built once for the tests that only read it (each
    build reads every table: 27 builds were four minutes of the suite)."""
    buffer = io.BytesIO()
    with django_db_blocker.unblock():
        write_dump(buffer)
    return buffer.getvalue()


def read_csv(zf, name) -> list[dict]:
    with zf.open(name) as raw:
        return list(csv.DictReader(io.TextIOWrapper(raw, "utf-8", newline="")))


def manifest_of(zf) -> dict:
    return json.loads(zf.read("manifest.json"))


@pytest.fixture
def linked_records(db):
    """Records whose relations have single- and multi-part natural keys."""
    note = Document.objects.get(slug="iom-grcp9-summary-report-2021")
    region, _ = Region.objects.get_or_create(slug="test-dump-region", defaults={"name": "Dümp"})
    mechanism = Mechanism.objects.create(slug="test-dump-sam", name="Suramérica Abierta")
    mechanism.regions.add(region)
    mechanism.sources.add(note)
    reference = Reference.objects.create(
        document=Document.objects.get(slug="gcm-final"),
        paragraph="99z",
        paragraph_number=99,
        wording="a wording, with a comma and “quotes”",
        group="iscm",
    )
    reference.mechanisms.add(mechanism)
    survey = Survey.objects.create(slug="test-dump-survey", title="Survey")
    question = Question.objects.create(survey=survey, number=1, text="Which?", kind="multiple")
    choice = Choice.objects.create(question=question, label="Option A", position=1)
    response = Response.objects.create(survey=survey, mechanism=mechanism)
    answer = Answer.objects.create(response=response, question=question)
    answer.choices.add(choice)
    return mechanism


def test_dump_has_one_csv_per_public_table_and_counts_match(linked_records):
    zf = make_dump()
    manifest = manifest_of(zf)

    assert manifest["format"] == "iscm-registry-dump"
    assert manifest["schema_version"] == 1
    assert manifest["created_at"]
    assert "mechanisms" in manifest["migrations"]
    assert set(manifest["tables"]) == {table_name(m) for m in public_models()}
    for model in public_models():
        entry = manifest["tables"][table_name(model)]
        assert entry["rows"] == model.objects.count(), table_name(model)
        assert len(read_csv(zf, entry["csv"])) == entry["rows"], table_name(model)


def test_dump_leaves_out_users_sessions_and_history(linked_records):
    get_user_model().objects.create_user("someone", password="secret-pass-123")
    zf = make_dump()

    names = " ".join(zf.namelist()) + json.dumps(manifest_of(zf)["tables"])
    # (events.session, a GRCP session, is public; Django's login sessions are not.)
    assert "auth" not in names and "historical" not in names
    assert "sessions." not in names and "django_session" not in names
    data = zf.read("data.json").decode()
    assert "someone" not in data and '"model": "auth.' not in data


def test_csv_writes_relations_by_natural_key_and_keeps_non_ascii(linked_records):
    zf = make_dump()
    tables = manifest_of(zf)["tables"]

    mechanisms = {r["slug"]: r for r in read_csv(zf, tables["mechanisms.mechanism"]["csv"])}
    assert mechanisms["test-dump-sam"]["name"] == "Suramérica Abierta"
    assert mechanisms["test-dump-sam"]["regions"] == "test-dump-region"
    assert mechanisms["test-dump-sam"]["sources"] == "iom-grcp9-summary-report-2021"
    sam = mechanisms["test-dump-sam"]
    assert sam["id"] == str(Mechanism.objects.get(slug="test-dump-sam").pk)

    references = read_csv(zf, tables["gcm.reference"]["csv"])
    ours = [r for r in references if r["paragraph"] == "99z"]
    assert ours == [
        {**ours[0], "document": "gcm-final", "wording": "a wording, with a comma and “quotes”"}
    ]
    links = read_csv(zf, tables["gcm.reference"]["links"]["mechanisms"]["csv"])
    ours_id = ours[0]["id"]
    assert {
        "reference_id": ours_id,
        "mechanisms_id": sam["id"],
        "reference__document": "gcm-final",
        "reference__wording": "a wording, with a comma and “quotes”",
        "reference__paragraph": "99z",
        "mechanisms": "test-dump-sam",
    } in links
    # The link file's key columns are named as the parent table names them.
    assert {"document", "wording", "paragraph", "id"} <= set(ours[0])

    # A relation to a record with a several-part key gets one column per part.
    answers = read_csv(zf, tables["surveys.answer"]["csv"])
    answer = next(a for a in answers if a["response__survey"] == "test-dump-survey")
    assert answer["response__mechanism"] == "test-dump-sam"
    assert answer["question__survey"] == "test-dump-survey"
    assert answer["question__number"] == "1"
    assert answer["response_id"] and answer["question_id"] and answer["id"]
    choice_links = read_csv(zf, tables["surveys.answer"]["links"]["choices"]["csv"])
    assert {
        "answer_id": answer["id"],
        "choices_id": str(
            Choice.objects.get(label="Option A", question__survey__slug="test-dump-survey").pk
        ),
        "answer__survey": "test-dump-survey",
        "answer__mechanism": "test-dump-sam",
        "answer__question_number": "1",
        "choices__survey": "test-dump-survey",
        "choices__question_number": "1",
        "choices__label": "Option A",
    } in choice_links


def test_json_uses_natural_keys_and_no_database_ids(linked_records):
    data = json.loads(make_dump().read("data.json"))

    mechanism = next(o for o in data if o["fields"].get("slug") == "test-dump-sam")
    assert "pk" not in mechanism
    assert mechanism["fields"]["regions"] == [["test-dump-region"]]
    answer = next(
        o
        for o in data
        if o["model"] == "surveys.answer"
        and o["fields"]["response"] == ["test-dump-survey", "test-dump-sam"]
    )
    assert answer["fields"]["choices"] == [["test-dump-survey", 1, "Option A"]]
    assert [o["model"] for o in data].index("mechanisms.mechanism") < [
        o["model"] for o in data
    ].index("surveys.answer")


def test_dump_query_count_does_not_grow_with_rows(linked_records, django_assert_max_num_queries):
    # A few queries per public table and link table (the issue-10 apps added 16 tables),
    # and per API list whose CSV columns the dump adds (core.dump_api: a few each, per
    # batch of 500 rows).
    with django_assert_max_num_queries(400) as few:
        make_dump()
    region = Region.objects.get(slug="test-dump-region")
    for i in range(25):
        mechanism = Mechanism.objects.create(slug=f"test-dump-extra-{i}", name=f"Extra {i}")
        mechanism.regions.add(region)
        Reference.objects.create(
            document=Document.objects.get(slug="gcm-final"),
            wording=f"extra {i}",
            group="other",
        ).mechanisms.add(mechanism)
    with django_assert_max_num_queries(len(few.captured_queries)):
        make_dump()


def test_dump_command_writes_the_zip(linked_records, tmp_path):
    path = tmp_path / "out.zip"
    call_command("dump", output=str(path), stdout=io.StringIO())
    with zipfile.ZipFile(path) as zf:
        assert {"manifest.json", "data.json"} <= set(zf.namelist())
    assert not list(tmp_path.glob("*.part"))


def test_anyone_can_download_the_dump(client, linked_records):
    response = client.get("/api/v1/dump/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    zf = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert manifest_of(zf)["tables"]["mechanisms.mechanism"]["rows"] == Mechanism.objects.count()


def test_dump_url_refuses_writes(client, db):
    assert client.post("/api/v1/dump/").status_code == 405


def test_load_refuses_a_database_that_is_not_empty(linked_records, tmp_path):
    path = tmp_path / "dump.zip"
    path.write_bytes(make_dump().fp.getvalue())
    before = Mechanism.objects.count()

    with pytest.raises(CommandError, match="not empty.*mechanisms.mechanism"):
        call_command("load_dump", str(path))
    assert Mechanism.objects.count() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip at all", "not a zip"),
        (b"", "not a zip"),
        ("zip-without-manifest", "no manifest.json"),
        ("zip-with-bad-manifest", "not valid JSON"),
    ],
)
def test_load_rejects_what_is_not_a_dump(db, content, message):
    if isinstance(content, str):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as zf:
            if content == "zip-with-bad-manifest":
                zf.writestr("manifest.json", b"\xff{")
            zf.writestr("data.json", "[]")
        content = buffer.getvalue()
    with pytest.raises(DumpError, match=message):
        load_dump(io.BytesIO(content))


def test_load_command_names_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("load_dump", str(tmp_path / "nowhere.zip"))


def _sample(model, limit=50):
    """Natural key → field values (relations as natural keys) of some rows."""
    rows = {}
    for obj in model.objects.order_by("pk")[:limit]:
        values = {}
        for f in model._meta.concrete_fields:
            if f.primary_key:
                continue
            value = getattr(obj, f.name)
            values[f.name] = value.natural_key() if isinstance(value, Model) else value
        for f in model._meta.many_to_many:
            values[f.name] = sorted(o.natural_key() for o in getattr(obj, f.name).all())
        rows[obj.natural_key()] = values
    return rows


def empty_public_tables():
    """Delete every row of the registry's apps, history included, leaving users alone."""
    with transaction.atomic():  # foreign keys are checked at commit: any order will do
        for label in PUBLIC_APPS:
            for model in apps.get_app_config(label).get_models(include_auto_created=True):
                model._base_manager.all()._raw_delete(connection.alias)


def test_dump_then_load_into_an_empty_database_gives_the_same_data(
    seeded_transactional_db, tmp_path
):
    """Round trip: seeded database → dump → emptied database → load_dump → same data."""
    mechanism = Mechanism.objects.create(slug="test-dump-roundtrip", name="Suramérica Abierta")
    mechanism.sources.add(Document.objects.get(slug="iom-grcp9-summary-report-2021"))
    counts = {table_name(m): m.objects.count() for m in public_models()}
    samples = {table_name(m): _sample(m) for m in public_models()}
    path = tmp_path / "dump.zip"
    call_command("dump", output=str(path), stdout=io.StringIO())

    empty_public_tables()
    assert all(m.objects.count() == 0 for m in public_models())
    call_command("load_dump", str(path), stdout=io.StringIO())

    assert {table_name(m): m.objects.count() for m in public_models()} == counts
    assert {table_name(m): _sample(m) for m in public_models()} == samples
    loaded = Mechanism.objects.get(slug="test-dump-roundtrip")
    assert loaded.history.get().history_change_reason == "Loaded from a dump"
    assert [h.history_change_reason for h in loaded.history.all()] == ["Loaded from a dump"]
    # Sequences moved on: a new record after the load gets a fresh key.
    Mechanism.objects.create(slug="test-dump-after-load", name="After")


def test_dump_leaves_out_draft_responses_and_their_answers(linked_records):
    """A questionnaire still in draft is not public data: neither it nor its answers."""
    survey = Survey.objects.get(slug="test-dump-survey")
    question = survey.questions.get(number=1)
    drafter = Mechanism.objects.create(slug="test-dump-drafter", name="Drafting Mechanism")
    draft = Response.objects.create(survey=survey, mechanism=drafter, status="draft")
    answer = Answer.objects.create(response=draft, question=question, text="not yet public")
    answer.choices.add(question.choices.get())
    answer.sources.add(Document.objects.get(slug="iom-grcp9-summary-report-2021"))

    zf = make_dump()
    tables = manifest_of(zf)["tables"]

    responses = read_csv(zf, tables["surveys.response"]["csv"])
    assert {r["mechanism"] for r in responses if r["survey"] == survey.slug} == {"test-dump-sam"}
    assert tables["surveys.response"]["rows"] == Response.objects.submitted().count()
    answers = read_csv(zf, tables["surveys.answer"]["csv"])
    assert "test-dump-drafter" not in {a["response__mechanism"] for a in answers}
    assert "not yet public" not in zf.read("data.json").decode()
    for name, link in tables["surveys.answer"]["links"].items():
        rows = read_csv(zf, link["csv"])
        assert "test-dump-drafter" not in {r["answer__mechanism"] for r in rows}, name
    json_responses = [
        r for r in json.loads(zf.read("data.json")) if r["model"] == "surveys.response"
    ]
    assert ["test-dump-drafter"] not in [r["fields"].get("mechanism") for r in json_responses]
    assert all(r["fields"]["status"] == "submitted" for r in json_responses)
    # The mechanism itself is public; only its draft stays out.
    assert "test-dump-drafter" in {
        m["slug"] for m in read_csv(zf, tables["mechanisms.mechanism"]["csv"])
    }


def _api_endpoints():
    from core.dump import table_name
    from iscm_registry.api import router

    return [(prefix, table_name(viewset.queryset.model)) for prefix, viewset, _ in router.registry]


@pytest.mark.parametrize(("endpoint", "table"), _api_endpoints())
def test_dump_table_has_every_api_csv_column_with_the_same_values(
    db, client, seeded_dump, endpoint, table
):
    """One data shape (issue 16): every table has ids, and every column of an endpoint's CSV
    is a column of its table in the dump (the dump may add, never differ), holding the same
    value (same list separator, same keys) for the same row."""
    zf = zipfile.ZipFile(io.BytesIO(seeded_dump))
    entry = manifest_of(zf)["tables"][table]
    dumped = {row["id"]: row for row in read_csv(zf, entry["csv"])}
    response = client.get(f"/api/v1/{endpoint}/?format=csv")
    api_rows = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8"))))
    assert api_rows and "id" in api_rows[0]
    dump_columns = set(next(iter(dumped.values())))
    assert set(api_rows[0]) <= dump_columns, set(api_rows[0]) - dump_columns
    for row in api_rows:
        mine = dumped[row["id"]]
        for column, api_value in row.items():
            dump_value = mine[column]
            if "|" in api_value or "|" in dump_value:  # a list: the dump sorts its keys
                api_value = "|".join(sorted(api_value.split("|")))
                dump_value = "|".join(sorted(dump_value.split("|")))
            assert api_value == dump_value, (endpoint, row["id"], column)
