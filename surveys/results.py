"""Survey results computed from stored answers, beside the figures the report published.

Only submitted responses count. Percentages are of the respondents (or, for a figure whose
basis is ``approached``, of the mechanisms approached) and are rounded to a whole percent,
half up, as 004 rounds them (10 of 15 → 67 %). A question that a respondent has no stored
answer to counts as "not stated" for that respondent: 004 gives some answers only as
aggregates, and those are not spread over mechanisms.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from mechanisms.models import Mechanism

from .models import (
    Answer,
    Choice,
    Invitation,
    PublishedFigure,
    PublishedFigureBasis,
    PublishedFigureUnit,
    Question,
    Response,
    Survey,
)
from .visibility import PUBLIC_ANSWERS


@dataclass
class ChoiceCount:
    choice: Choice
    count: int
    percent: Decimal | None  # of the respondents
    base: int = 0  # the respondents: the percent's denominator


@dataclass
class QuestionResult:
    question: Question
    answered: int
    not_stated: int
    choices: list[ChoiceCount]
    texts: list[tuple[Mechanism, str]]  # free-text answers, "Other: ___" texts included


@dataclass
class FigureComparison:
    figure: PublishedFigure
    computed: Decimal | None
    difference: Decimal | None  # computed − published
    numerator: int | None = None  # the computed count behind ``computed``
    denominator: int | None = None  # the computed figure's base
    coverage: str = ""  # why computed and published may differ


ROUNDING = {
    PublishedFigureUnit.PERCENT: "whole percent, half up (10 of 15 is 67)",
    PublishedFigureUnit.COUNT: "exact count",
    PublishedFigureUnit.RANK: "position in a list, no rounding",
}


def published_basis(figure: PublishedFigure, respondents: int, approached: int) -> dict:
    """What a published figure is a fraction of: its numerator and denominator where the
    registry knows the base (``basis`` respondents or approached), the rounding, and in
    words why it may differ from what the stored data give."""
    recomputable = (
        figure.basis != PublishedFigureBasis.OTHER and figure.unit != PublishedFigureUnit.RANK
    )
    denominator = numerator = None
    if figure.basis == PublishedFigureBasis.RESPONDENTS:
        denominator = respondents
    elif figure.basis == PublishedFigureBasis.APPROACHED:
        denominator = approached
    if figure.unit == PublishedFigureUnit.COUNT:
        numerator = int(figure.value)
    elif figure.unit == PublishedFigureUnit.PERCENT and denominator:
        numerator = int(
            (figure.value * denominator / 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        )
    parts = []
    if not recomputable:
        parts.append(
            "Shown as published, not recomputed: the registry does not hold the answers or "
            "the base behind it."
        )
    else:
        parts.append(
            f"Recomputed from the stored answers of the {respondents} mechanisms that "
            f"responded ({approached} were approached)."
        )
    if figure.objective_id:
        parts.append(
            "The mechanisms' objectives in the registry (mechanisms/?objective=) come from "
            "the IOM notes' matrices, not from these answers, so their count may differ."
        )
    if figure.note:
        parts.append(figure.note)
    return {
        "numerator": numerator,
        "denominator": denominator,
        "rounding": ROUNDING.get(figure.unit, ""),
        "recomputable": recomputable,
        "coverage": " ".join(parts),
    }


@dataclass
class SurveyResults:
    survey: Survey
    respondents: int
    approached: int
    questions: list[QuestionResult]
    figures: list[FigureComparison]


def percent(count: int, base: int) -> Decimal | None:
    """``count`` of ``base`` as a whole percent, rounded half up; None for an empty base."""
    if not base:
        return None
    return (Decimal(count) * 100 / Decimal(base)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def _count(queryset) -> Coalesce:
    """How many rows of ``queryset`` (rows of one survey) as a scalar subquery; 0, not NULL."""
    grouped = queryset.order_by().values("survey").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(grouped), 0)


# What a free-text answer shows of its mechanism (the primary key first, as from_db reads).
_TEXT_MECHANISM = {"id", "slug", "name", "acronym"}


def survey_results(survey: Survey) -> SurveyResults:
    """Compute a survey's results in a fixed number of queries, whatever the row counts."""
    # Both counts in one query (two scalar subqueries).
    respondents, approached = (
        Survey.objects.filter(pk=survey.pk)
        .values_list(
            _count(Response.objects.filter(survey=OuterRef("pk")).submitted()),
            _count(Invitation.objects.filter(survey=OuterRef("pk"))),
        )
        .get()
    )
    questions = list(
        Question.objects.filter(survey=survey)
        .exclude(kind=Question.Kind.INFO)
        # Into a list: a plain prefetch builds a queryset per question to hold its options.
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.all(), to_attr="choice_list"))
        .order_by("number")
    )
    counted = Answer.objects.filter(
        response__survey=survey, response__status=Response.Status.SUBMITTED
    ).order_by()
    through = Answer.choices.through.objects.filter(
        answer__response__survey=survey, answer__response__status=Response.Status.SUBMITTED
    ).order_by()
    # Counted in the database, grouped: the rows themselves (tens of thousands at scale)
    # never become Python objects. An empty answer (no option, no text) states nothing.
    answered: dict[int, int] = dict(
        counted.filter(
            Q(Exists(Answer.choices.through.objects.filter(answer_id=OuterRef("pk")))) | ~Q(text="")
        )
        .values("question_id")
        .annotate(n=Count("pk"))
        .values_list("question_id", "n")
    )
    choice_counts: dict[int, int] = defaultdict(
        int, through.values("choice_id").annotate(n=Count("pk")).values_list("choice_id", "n")
    )
    # Only free-text answers need their mechanism, and only what names and links it (the
    # other columns, a long quoted statement among them, stay in the database). Read as
    # plain values: thousands of answers at scale would otherwise build three model
    # instances each; here one (deferred) Mechanism per responding mechanism.
    shown = [f.attname for f in Mechanism._meta.concrete_fields if f.attname in _TEXT_MECHANISM]
    mechanisms: dict[int, Mechanism] = {}
    texts: dict[int, list[tuple[Mechanism, str]]] = defaultdict(list)
    # Answers naming a person (the respondent's name, institution, position) stay private.
    public_texts = counted.exclude(text="").filter(PUBLIC_ANSWERS)
    for question_id, text, *values in public_texts.values_list(
        "question_id", "text", *(f"response__mechanism__{name}" for name in shown)
    ):
        mechanism = mechanisms.get(values[0])
        if mechanism is None:
            mechanism = mechanisms[values[0]] = Mechanism.from_db(counted.db, shown, values)
        texts[question_id].append((mechanism, text))

    results = []
    for question in questions:
        stated = answered.get(question.pk, 0)
        results.append(
            QuestionResult(
                question=question,
                answered=stated,
                not_stated=max(respondents - stated, 0),
                choices=[
                    ChoiceCount(
                        choice=choice,
                        count=choice_counts[choice.pk],
                        percent=percent(choice_counts[choice.pk], respondents),
                        base=respondents,
                    )
                    for choice in question.choice_list
                ],
                texts=sorted(texts[question.pk], key=lambda pair: pair[0].name),
            )
        )

    figures = []
    for figure in PublishedFigure.objects.filter(survey=survey).select_related(
        "question", "choice", "objective", "principle"
    ):
        computed = _recompute(figure, respondents, approached, choice_counts)
        base = approached if figure.basis == PublishedFigureBasis.APPROACHED else respondents
        numerator = None
        if computed is not None:
            numerator = (
                choice_counts.get(figure.choice_id, 0) if figure.choice_id else int(computed)
            )
        coverage = published_basis(figure, respondents, approached)["coverage"]
        if computed is not None and computed != figure.value and figure.question_id:
            stated = answered.get(figure.question_id, 0)
            coverage += (
                f" {stated} of the {respondents} respondents have a stored answer to question "
                f"{figure.question.number}; {max(respondents - stated, 0)} do not (the report "
                "gives some answers only as totals, which are not stored per mechanism)."
            )
        figures.append(
            FigureComparison(
                figure=figure,
                computed=computed,
                difference=None if computed is None else computed - figure.value,
                numerator=numerator,
                denominator=base if computed is not None else None,
                coverage=coverage,
            )
        )
    return SurveyResults(
        survey=survey,
        respondents=respondents,
        approached=approached,
        questions=results,
        figures=figures,
    )


def _recompute(
    figure: PublishedFigure, respondents: int, approached: int, choice_counts: dict[int, int]
) -> Decimal | None:
    """The figure as the stored answers give it, or None where it cannot be recomputed."""
    if figure.basis == PublishedFigureBasis.OTHER or figure.unit == PublishedFigureUnit.RANK:
        return None
    base = approached if figure.basis == PublishedFigureBasis.APPROACHED else respondents
    if figure.choice_id is None:
        # A figure about the survey itself: how many responded, or were approached.
        if figure.question_id is None and figure.unit == PublishedFigureUnit.COUNT:
            return Decimal(base)
        return None
    count = choice_counts.get(figure.choice_id, 0)
    if figure.unit == PublishedFigureUnit.COUNT:
        return Decimal(count)
    return percent(count, base)


# --- Two rounds side by side -----------------------------------------------------------


@dataclass
class RoundRow:
    label: str
    earlier: ChoiceCount | None
    later: ChoiceCount | None


@dataclass
class RoundComparison:
    """One question asked in two rounds (matched by ``Question.copied_from``)."""

    earlier: QuestionResult
    later: QuestionResult
    earlier_survey: Survey
    earlier_respondents: int
    rows: list[RoundRow]  # options matched by label; one missing in a round is None there


def rounds_comparison(results: SurveyResults) -> list[RoundComparison]:
    """Each question of ``results``' survey copied from an earlier round, beside its results.

    The earlier round's results are computed once (``survey_results``), so the cost does
    not depend on how many questions are compared.
    """
    copied = [r for r in results.questions if r.question.copied_from_id]
    if not copied:
        return []
    earlier_surveys = Survey.objects.filter(
        pk__in=Question.objects.filter(pk__in=[r.question.copied_from_id for r in copied]).values(
            "survey_id"
        )
    )
    earlier_by_question: dict[int, tuple[Survey, int, QuestionResult]] = {}
    for earlier_survey in earlier_surveys:
        earlier_results = survey_results(earlier_survey)
        for result in earlier_results.questions:
            earlier_by_question[result.question.pk] = (
                earlier_survey,
                earlier_results.respondents,
                result,
            )
    comparisons = []
    for later in copied:
        match = earlier_by_question.get(later.question.copied_from_id)
        if match is None:
            continue
        earlier_survey, earlier_respondents, earlier = match
        earlier_counts = {c.choice.label: c for c in earlier.choices}
        later_counts = {c.choice.label: c for c in later.choices}
        labels = list(later_counts) + [
            label for label in earlier_counts if label not in later_counts
        ]
        comparisons.append(
            RoundComparison(
                earlier=earlier,
                later=later,
                earlier_survey=earlier_survey,
                earlier_respondents=earlier_respondents,
                rows=[
                    RoundRow(label, earlier_counts.get(label), later_counts.get(label))
                    for label in labels
                ],
            )
        )
    return comparisons
