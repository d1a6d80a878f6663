"""Survey results recomputed from stored answers and compared with 004's published figures."""

from decimal import Decimal

import pytest

from mechanisms.models import Mechanism
from surveys.models import Answer, Choice, Question, Response, Survey
from surveys.results import percent, survey_results
from surveys.services import answer_set_choices

pytestmark = pytest.mark.django_db
SURVEY = "imrf-inputs-2021"
MAX_QUERIES = 7


@pytest.fixture
def survey():
    return Survey.objects.get(slug=SURVEY)


def figures(results):
    return {f.figure.key: f for f in results.figures}


def question_result(results, number):
    return next(q for q in results.questions if q.question.number == number)


def count_of(results, number, label):
    return next(c for c in question_result(results, number).choices if c.choice.label == label)


def respond(survey, mechanism, *, yes_to_regional_reviews=True, status="submitted"):
    response = Response.objects.create(survey=survey, mechanism=mechanism, status=status)
    q6 = Question.objects.get(survey=survey, number=6)
    label = "Yes" if yes_to_regional_reviews else "No"
    answer_set_choices(
        answer=Answer(response=response, question=q6), choices=[q6.choices.get(label=label)]
    )
    Answer.objects.create(
        response=response, question=Question.objects.get(survey=survey, number=12), text="News"
    )
    return response


def test_recomputed_regional_review_and_imrf_figures_equal_the_published_ones(survey):
    results = survey_results(survey)
    assert (results.respondents, results.approached) == (15, 29)
    found = figures(results)
    for key, computed in (
        ("regional-reviews-pct-respondents", 60),  # 9 of 15
        ("regional-reviews-pct-approached", 31),  # 9 of 29
        ("imrf-plan-count", 10),
        ("imrf-plan-pct-respondents", 67),  # 10 of 15
        ("respondents", 15),
        ("approached", 29),
    ):
        assert found[key].computed == computed, key
        assert found[key].difference == 0, key
    yes = count_of(results, 6, "Yes")
    assert (yes.count, yes.percent) == (9, Decimal(60))


def test_a_figure_on_another_base_is_not_recomputed(survey):
    found = figures(survey_results(survey))
    for key in ("imrf-plan-pct-active", "imrf-undecided-count", "objective-8-count"):
        assert found[key].computed is None
        assert found[key].difference is None


def test_answers_004_gives_only_as_aggregates_count_as_not_stated(survey):
    results = survey_results(survey)
    q9 = question_result(results, 9)
    assert (q9.answered, q9.not_stated) == (10, 5)  # the 4 undecided and 1 no are not named
    assert count_of(results, 9, "Undecided").count == 0
    assert 18 not in [q.question.number for q in results.questions]  # a list, not a question
    updates = question_result(results, 12)
    assert len(updates.texts) == updates.answered == 9
    assert "rmfm" in [mechanism.slug for mechanism, _ in updates.texts]


def test_a_new_submitted_response_changes_the_results(survey):
    respond(survey, Mechanism.objects.get(slug="bali-process"))
    results = survey_results(survey)
    assert results.respondents == 16
    found = figures(results)
    assert found["regional-reviews-pct-respondents"].computed == 63  # 10 of 16
    assert found["regional-reviews-pct-respondents"].difference == 3
    assert found["regional-reviews-pct-approached"].computed == 34  # 10 of 29
    assert found["respondents"].difference == 1
    assert question_result(results, 12).answered == 10


def test_drafts_are_not_counted(survey):
    respond(survey, Mechanism.objects.get(slug="bali-process"), status="draft")
    results = survey_results(survey)
    assert results.respondents == 15
    assert count_of(results, 6, "Yes").count == 9
    assert figures(results)["regional-reviews-pct-respondents"].difference == 0
    assert question_result(results, 12).answered == 9


def test_query_count_does_not_grow_with_responses(survey, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        survey_results(survey)
    for i in range(20):
        mechanism = Mechanism.objects.create(slug=f"test-mechanism-{i}", name=f"Test {i}")
        respond(survey, mechanism, yes_to_regional_reviews=i % 2 == 0)
    with django_assert_max_num_queries(MAX_QUERIES):
        results = survey_results(survey)
    assert results.respondents == 35
    assert count_of(results, 6, "Yes").count == 19


@pytest.mark.parametrize(
    "count, base, expected",
    [(9, 15, 60), (10, 15, 67), (4, 15, 27), (9, 29, 31), (1, 8, 13), (0, 15, 0)],
)
def test_percent_is_a_whole_percent_rounded_half_up_like_the_report(count, base, expected):
    assert percent(count, base) == expected


def test_percent_of_nobody_is_none():
    assert percent(0, 0) is None


def test_an_empty_survey_has_no_percentages():
    survey = Survey.objects.get(slug="grcp7-2017")
    question = Question.objects.create(survey=survey, number=1, text="?", kind="single")
    Choice.objects.create(question=question, label="Yes")
    results = survey_results(survey)
    assert results.respondents == 0
    assert results.questions[0].choices[0].percent is None
