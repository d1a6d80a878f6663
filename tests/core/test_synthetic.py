"""``manage.py synthesize``: synthetic but valid data at scale, marked, kept apart from the
seed, and removable without touching seeded rows."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from core.dump import public_models, table_name
from core.seeding import seed
from core.synthetic import NAME_PREFIX, SLUG_PREFIX, Plan
from gcm.models import Reference
from mechanisms.models import Mechanism
from surveys.models import Answer, Response, Survey

pytestmark = pytest.mark.django_db


def counts():
    return {table_name(m): m.objects.count() for m in public_models()}


def synthesize(*args):
    out = io.StringIO()
    call_command("synthesize", *args, stdout=out)
    return out.getvalue()


def test_scale_one_is_the_issue_s_size():
    plan = Plan.at_scale(1)
    assert (plan.mechanisms, plan.references, plan.answers) == (10_000, 100_000, 50_000)


def test_small_run_makes_the_planned_rows_all_marked_synthetic():
    before = counts()
    synthesize("--scale", "0.001", "--yes")

    synthetic_mechanisms = Mechanism.objects.filter(slug__startswith=SLUG_PREFIX)
    assert synthetic_mechanisms.count() == 10
    assert all(m.name.startswith(NAME_PREFIX) for m in synthetic_mechanisms)
    assert Reference.objects.filter(wording__startswith=NAME_PREFIX).count() == 100
    answers = Answer.objects.filter(response__survey__slug__startswith=SLUG_PREFIX)
    assert answers.count() == 50
    # Nothing unmarked was added: every new row is synthetic or hangs from a synthetic one.
    after = counts()
    assert after["mechanisms.mechanism"] - before["mechanisms.mechanism"] == 10
    assert after["gcm.reference"] - before["gcm.reference"] == 100
    assert after["surveys.answer"] - before["surveys.answer"] == 50


def test_synthetic_rows_pass_model_validation():
    synthesize("--mechanisms", "20", "--yes")

    for model, marked in [
        (Mechanism, {"slug__startswith": SLUG_PREFIX}),
        (Reference, {"wording__startswith": NAME_PREFIX}),
        (Survey, {"slug__startswith": SLUG_PREFIX}),
        (Response, {"survey__slug__startswith": SLUG_PREFIX}),
        (Answer, {"response__survey__slug__startswith": SLUG_PREFIX}),
    ]:
        rows = model.objects.filter(**marked)[:30]
        assert rows, model
        for obj in rows:
            obj.full_clean()
    # Answers answer questions of their own survey, choices of their own question.
    for answer in Answer.objects.filter(response__survey__slug__startswith=SLUG_PREFIX):
        assert answer.question.survey_id == answer.response.survey_id
        assert all(c.question_id == answer.question_id for c in answer.choices.all())
        if answer.question.kind == "single":
            assert answer.choices.count() == 1


def test_synthetic_rows_stay_out_of_the_seed():
    synthesize("--mechanisms", "10", "--yes")

    report = seed()

    assert report.created == 0
    assert report.differences == []


def test_clear_removes_exactly_the_synthetic_rows():
    gfmd_like = Mechanism.objects.order_by("slug").first()
    before = counts()
    synthesize("--mechanisms", "10", "--yes")

    output = synthesize("--clear", "--yes")

    assert counts() == before
    assert "10 mechanisms" in output
    if gfmd_like:
        assert Mechanism.objects.get(slug=gfmd_like.slug).name == gfmd_like.name


def test_clear_with_a_size_replaces_the_synthetic_rows():
    synthesize("--mechanisms", "10", "--yes")
    synthesize("--mechanisms", "20", "--yes", "--clear")
    assert Mechanism.objects.filter(slug__startswith=SLUG_PREFIX).count() == 20


def test_refuses_a_second_run_without_clear():
    synthesize("--mechanisms", "10", "--yes")
    with pytest.raises(CommandError, match="already holds synthetic rows"):
        synthesize("--mechanisms", "10", "--yes")
    assert Mechanism.objects.filter(slug__startswith=SLUG_PREFIX).count() == 10


def test_refuses_without_confirmation_and_writes_nothing():
    before = counts()
    with pytest.raises(CommandError, match="--yes or --database-name"):
        synthesize("--mechanisms", "10")
    with pytest.raises(CommandError, match="is not the configured database"):
        synthesize("--mechanisms", "10", "--database-name", "some-other-db")
    assert counts() == before


def test_confirming_by_database_name_works():
    synthesize("--mechanisms", "10", "--database-name", str(connection.settings_dict["NAME"]))
    assert Mechanism.objects.filter(slug__startswith=SLUG_PREFIX).count() == 10


@pytest.mark.parametrize("args", [[], ["--scale", "0"], ["--scale", "-1"], ["--mechanisms", "0"]])
def test_bad_sizes_are_refused(args):
    with pytest.raises(CommandError):
        synthesize(*args, "--yes")
