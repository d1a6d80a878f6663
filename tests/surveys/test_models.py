"""Integrity rules of survey records: database constraints and answer validation."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from mechanisms.models import Mechanism
from surveys.models import Answer, Choice, PublishedFigure, Question, Response, Survey
from surveys.services import answer_set_choices

pytestmark = pytest.mark.django_db
SURVEY = "imrf-inputs-2021"


@pytest.fixture
def survey():
    return Survey.objects.get(slug=SURVEY)


@pytest.fixture
def response(survey):
    """A response of a mechanism that did not answer the 2021 survey."""
    return Response.objects.create(
        survey=survey, mechanism=Mechanism.objects.get(slug="bali-process")
    )


def question(number):
    return Question.objects.get(survey__slug=SURVEY, number=number)


def choice(number, label):
    return Choice.objects.get(question__survey__slug=SURVEY, question__number=number, label=label)


def test_one_response_per_mechanism_per_survey_is_a_database_constraint(survey):
    mechanism = Mechanism.objects.get(slug="sacm")  # responded in 2021
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(survey=survey, mechanism=mechanism)


def test_an_option_of_another_question_is_refused_with_a_message(response):
    answer = Answer(response=response, question=question(6))
    with pytest.raises(ValidationError) as error:
        answer_set_choices(answer=answer, choices=[choice(9, "Undecided")])
    assert "'Undecided' belongs to another question than Q6" in str(error.value)
    assert not Answer.objects.filter(response=response).exists()


def test_a_single_choice_question_refuses_two_options(response):
    answer = Answer(response=response, question=question(6))
    with pytest.raises(ValidationError, match="single choice"):
        answer_set_choices(answer=answer, choices=[choice(6, "Yes"), choice(6, "No")])


def test_a_free_text_question_refuses_options(response):
    answer = Answer(response=response, question=question(12), text="An update")
    with pytest.raises(ValidationError, match="takes no options"):
        answer_set_choices(answer=answer, choices=[choice(6, "Yes")])


def test_a_multiple_choice_question_keeps_several_options(response):
    answer = Answer(response=response, question=question(7))
    options = [choice(7, "Other:"), choice(7, question(7).choices.first().label)]
    answer_set_choices(answer=answer, choices=options)
    assert set(Answer.objects.get(pk=answer.pk).choices.all()) == set(options)


def test_clean_refuses_a_question_of_another_survey(response):
    other = Survey.objects.get(slug="grcp7-2017")
    foreign = Question.objects.create(survey=other, number=1, text="?", kind="text")
    with pytest.raises(ValidationError, match="another survey"):
        Answer(response=response, question=foreign, text="x").full_clean()


def test_clean_refuses_an_answer_to_the_reference_list(response):
    with pytest.raises(ValidationError, match="reference list"):
        Answer(response=response, question=question(18), text="x").full_clean()


@pytest.mark.parametrize("field, value", [("unit", "bogus"), ("basis", "bogus"), ("value", -1)])
def test_published_figure_values_are_checked_by_the_database(survey, field, value):
    fields = {"unit": "count", "basis": "other", "value": 1, field: value}
    with pytest.raises(IntegrityError), transaction.atomic():
        PublishedFigure.objects.create(survey=survey, key="x", label="x", statement="x", **fields)


def test_question_kind_is_checked_by_the_database(survey):
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.create(survey=survey, number=99, text="?", kind="essay")
