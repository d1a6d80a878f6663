"""The seeded surveys agree with the note they come from (004, the GRCP 9 summary report)."""

import re

import pytest
from django.db.models import Count

from sources.notes import read_note
from surveys.models import (
    Answer,
    Choice,
    Invitation,
    PublishedFigure,
    Question,
    Response,
    Survey,
)
from surveys.services import answer_choices_errors

pytestmark = pytest.mark.django_db

SURVEY = "imrf-inputs-2021"
# The 29 mechanisms of the questionnaire's Q1, in its order (canonical slugs).
Q1_SLUGS = [
    "5-5-dialogue", "au-hoai", "almaty-process", "arcp", "bali-process", "budapest-process",
    "cmc", "ocam", "khartoum-process", "rabat-process", "gfmd", "riam", "igc", "quito-process",
    "mideac", "mid-igad", "midsa", "midiocc", "midwa", "midcom", "abu-dhabi-dialogue",
    "acp-eu-dialogue", "pidc", "pafom", "prague-process", "rcm", "colombo-process", "rmfm",
    "sacm",
]  # fmt: skip


def normalise(text: str) -> str:
    """Whitespace collapsed and markdown link markup ``[text](#)`` reduced to its text."""
    return " ".join(re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text).split())


@pytest.fixture(scope="module")
def note_004() -> str:
    return read_note("004_370e50703f3914a4.txt")


@pytest.fixture(scope="module")
def questionnaire_items(note_004):
    """004's questionnaire: {number: (item line, [option lines])}, parsed from the text."""
    lines = note_004.split("\n")
    start = lines.index("Survey Questionnaire")
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("ANNEX II"))
    items, current = {}, None
    for line in lines[start:end]:
        match = re.match(r"(\d+)\. (.*)", line)
        if match:
            current = int(match[1])
            items[current] = (match[2], [])
        elif current and line.startswith("\t") and line.strip():
            items[current][1].append(line.strip())
    return items


def test_2021_survey_has_the_15_respondents_and_29_approached(note_004):
    survey = Survey.objects.get(slug=SURVEY)
    assert survey.responses.submitted().count() == 15
    assert "15 ISCMs (more than half of the total of 29 ISCMs" in note_004
    assert sorted(survey.approached.values_list("slug", flat=True)) == sorted(Q1_SLUGS)
    responded = set(survey.responses.values_list("mechanism__slug", flat=True))
    assert responded <= set(Q1_SLUGS)
    # Each respondent's Q1 option is one of the names 004 lists as having contributed.
    listed = normalise(next(line for line in note_004.split("\n") if line.startswith("15 ISCMs")))
    for answer in Answer.objects.filter(response__survey=survey, question__number=1):
        (choice,) = answer.choices.all()
        assert choice.mechanism == answer.response.mechanism
        assert normalise(choice.label).split(" (")[0] in listed


def test_questionnaire_items_kinds_and_required_flags_follow_004(questionnaire_items):
    questions = {q.number: q for q in Question.objects.filter(survey__slug=SURVEY)}
    assert sorted(questions) == sorted(questionnaire_items) == list(range(1, 19))
    for number, (line, options) in questionnaire_items.items():
        question = questions[number]
        assert normalise(line).startswith(normalise(question.text)[:60])
        assert question.required == ("*" in line)
        labels = list(question.choices.order_by("position").values_list("label", flat=True))
        if number == 18:
            assert question.kind == Question.Kind.INFO  # "This is not a question"
        elif options:
            assert [label.rstrip(":") for label in labels] == [
                o.replace("_____", "").strip().rstrip(":") for o in options
            ]
            assert question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
        else:
            assert question.kind == Question.Kind.TEXT
            assert labels == []
    # Q7 says "Multiple selection is possible"; Q10 is read alike (fixtures/README.md).
    assert {n for n, q in questions.items() if q.kind == Question.Kind.MULTIPLE} == {7, 10}
    assert [c.label for c in Choice.objects.filter(question__survey__slug=SURVEY, is_other=True)]
    assert set(
        Choice.objects.filter(question__survey__slug=SURVEY, is_other=True).values_list(
            "question__number", flat=True
        )
    ) == {7, 10}


def test_questionnaire_choices_link_mechanisms_objectives_and_principles(note_004):
    q1 = Choice.objects.filter(question__survey__slug=SURVEY, question__number=1)
    assert list(q1.order_by("position").values_list("mechanism__slug", flat=True)) == Q1_SLUGS
    listed = Choice.objects.filter(question__survey__slug=SURVEY, question__number=18)
    objectives = listed.filter(objective__isnull=False).order_by("position")
    principles = listed.filter(principle__isnull=False).order_by("position")
    assert [c.objective.number for c in objectives] == list(range(1, 24))
    assert [c.principle.letter for c in principles] == list("abcdefghij")
    for choice in objectives:
        assert choice.label.startswith(f"({choice.objective.number}) ")
    assert listed.count() == 33


def test_every_seeded_statement_and_quoted_text_occurs_verbatim_in_004(note_004):
    source = normalise(note_004)
    answers = Answer.objects.filter(response__survey__slug=SURVEY)
    assert answers.count() > 40
    for answer in answers:
        assert answer.statement, answer
        for passage in answer.statement.split("\n\n"):
            assert normalise(passage) in source, (str(answer), passage[:80])
        if answer.question.kind == Question.Kind.TEXT:
            assert normalise(answer.text) in source, str(answer)
    for figure in PublishedFigure.objects.filter(survey__slug=SURVEY):
        assert normalise(figure.statement) in source, figure.key


def test_every_survey_record_cites_a_source():
    for model in (Survey, Invitation, Question, Choice, Response, Answer, PublishedFigure):
        unsourced = model.objects.annotate(n=Count("sources")).filter(n=0)
        assert not unsourced.exists(), f"{model.__name__} without sources: {list(unsourced)}"
    assert (
        Survey.objects.get(slug="grcp7-2017")
        .sources.filter(slug="iom-note-zero-draft-rev1")
        .exists()
    )


def test_seeded_answers_hold_only_options_their_question_offers():
    for answer in Answer.objects.select_related("question").prefetch_related("choices"):
        assert answer_choices_errors(question=answer.question, choices=answer.choices.all()) == []


def test_aggregates_are_not_spread_over_invented_answers(note_004):
    """004 names who plans to contribute (footnote 5), not the 4 undecided or the 1 no."""
    q9 = Answer.objects.filter(response__survey__slug=SURVEY, question__number=9)
    assert not q9.filter(choices__label__in=["Undecided", "No"]).exists()
    footnote_5 = next(line for line in note_004.split("\n") if line.startswith("⁵ "))
    assert q9.filter(choices__label="Yes").count() == len(re.split(r", (?:and )?", footnote_5))
    footnote_4 = next(line for line in note_004.split("\n") if line.startswith("⁴ "))
    q6_yes = Answer.objects.filter(
        response__survey__slug=SURVEY, question__number=6, choices__label="Yes"
    )
    assert q6_yes.count() == len(re.split(r", (?:and )?", footnote_4)) == 9
    # Nobody has an answer on the objectives: 004 publishes only counts.
    assert not Answer.objects.filter(response__survey__slug=SURVEY, question__number=13).exists()


def test_grcp7_survey_is_linked_to_grcp_7():
    survey = Survey.objects.get(slug="grcp7-2017")
    assert survey.meeting.number == 7
    assert survey.year == 2017
    assert Survey.objects.get(slug=SURVEY).meeting.number == 9


def test_each_choice_answer_rests_on_a_statement_naming_its_mechanism():
    """Guards against an answer filed under the wrong mechanism."""
    answers = Answer.objects.filter(
        response__survey__slug=SURVEY, question__kind__in=["single", "multiple"]
    ).select_related("response__mechanism")
    assert answers.count() > 30
    for answer in answers:
        mechanism = answer.response.mechanism
        names = {mechanism.name, mechanism.acronym, *mechanism.names.values_list("name", flat=True)}
        statement = normalise(answer.statement)
        assert any(name and name in statement for name in names), str(answer)
