"""Survey workflows that span several rows (an answer and its chosen options)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.models import TRANSLATED_LANGUAGES, translated_fields
from mechanisms.models import Mechanism

from .models import Answer, Choice, Invitation, LatePolicy, Question, Response, Survey


def answer_choices_errors(*, question: Question, choices: Iterable[Choice]) -> list[str]:
    """Why these options cannot be the answer to ``question`` (empty when they can)."""
    choices = list(choices)
    errors = []
    foreign = [c for c in choices if c.question_id != question.pk]
    if foreign:
        labels = ", ".join(f"'{c.label}'" for c in foreign)
        errors.append(
            ngettext(
                "%(labels)s belongs to another question than Q%(number)s.",
                "%(labels)s belong to another question than Q%(number)s.",
                len(foreign),
            )
            % {"labels": labels, "number": question.number}
        )
    if choices and question.kind in (Question.Kind.TEXT, Question.Kind.INFO):
        errors.append(
            _("Q%(number)s takes no options (%(kind)s).")
            % {"number": question.number, "kind": question.get_kind_display()}
        )
    if question.kind == Question.Kind.SINGLE and len({c.pk for c in choices}) > 1:
        errors.append(
            _("Q%(number)s is single choice: choose one option only.") % {"number": question.number}
        )
    return errors


@transaction.atomic
def answer_set_choices(*, answer: Answer, choices: Iterable[Choice]) -> Answer:
    """Set the options an answer holds, refusing options the question does not offer.

    ``Answer.clean()`` cannot check this: the options are many-to-many rows that exist only
    once the answer is saved.
    """
    choices = list(choices)
    errors = answer_choices_errors(question=answer.question, choices=choices)
    if errors:
        raise ValidationError({"choices": errors})
    answer.full_clean()
    answer.save()
    answer.choices.set(choices)
    return answer


# --- Survey rounds -----------------------------------------------------------------------


@transaction.atomic
def survey_copy(
    *,
    source: Survey,
    slug: str,
    title: str,
    year: int | None = None,
    description: str = "",
    opens_at: datetime | None = None,
    deadline: datetime | None = None,
    late_policy: str = LatePolicy.REFUSE,
    invite_same: bool = False,
) -> Survey:
    """A new round with ``source``'s questionnaire: every question and option, copied.

    Each copied question keeps a link to its original (``copied_from``), which is how the
    results of the two rounds are put side by side. Question and option texts keep their
    sources (they are the source's wording until staff edit them); the new round itself
    has none. With ``invite_same`` the mechanisms approached last time are invited again.
    """
    survey = Survey(
        slug=slug,
        title=title,
        year=year,
        description=description,
        opens_at=opens_at,
        deadline=deadline,
        late_policy=late_policy,
        copied_from=source,
    )
    survey.full_clean()
    survey.save()
    questions = Question.objects.filter(survey=source).prefetch_related(
        "sources", Prefetch("choices", queryset=Choice.objects.prefetch_related("sources"))
    )
    for original in questions:
        question = Question.objects.create(
            survey=survey,
            number=original.number,
            section=original.section,
            text=original.text,
            help_text=original.help_text,
            kind=original.kind,
            required=original.required,
            personal_data=original.personal_data,
            copied_from=original,
            **_translations(original),
        )
        question.sources.set(original.sources.all())
        for original_choice in original.choices.all():
            choice = Choice.objects.create(
                question=question,
                position=original_choice.position,
                label=original_choice.label,
                is_other=original_choice.is_other,
                mechanism_id=original_choice.mechanism_id,
                objective_id=original_choice.objective_id,
                principle_id=original_choice.principle_id,
                **_translations(original_choice),
            )
            choice.sources.set(original_choice.sources.all())
    if invite_same:
        for mechanism_id in source.invitations.values_list("mechanism_id", flat=True):
            Invitation.objects.create(survey=survey, mechanism_id=mechanism_id)
    return survey


def _translations(record) -> dict[str, str]:
    """An editor's French and Spanish versions of ``record``'s texts, for its copy."""
    return {
        f"{name}_{language}": getattr(record, f"{name}_{language}")
        for name in translated_fields(type(record))
        for language in TRANSLATED_LANGUAGES
    }


# --- Answering a questionnaire -------------------------------------------------------------

#: Longest free-text answer accepted (shown on the form, enforced by form and service).
MAX_ANSWER_LENGTH = 5000


@dataclass
class AnswerInput:
    """What a form says about one question: the options chosen and the text written."""

    choices: list[Choice] = field(default_factory=list)
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.choices and not self.text.strip()


class QuestionnaireClosed(ValidationError):
    """The survey does not take answers now (not yet open, or past a refusing deadline)."""


class StaleVersion(ValidationError):
    """The form was read before someone else's save: saving it would overwrite newer answers."""


def questionnaire_window(survey: Survey, now: datetime | None = None) -> str:
    """``"not-open"``, ``"open"``, ``"late"`` (past the deadline, accepted) or ``"closed"``."""
    now = now or timezone.now()
    if survey.opens_at and now < survey.opens_at:
        return "not-open"
    if survey.deadline and now > survey.deadline:
        return "late" if survey.late_policy == LatePolicy.ACCEPT else "closed"
    return "open"


def _when(value: datetime) -> str:
    """A date and time as the messages print it, month named in the reader's language."""
    return date_format(value, "d F Y, H:i")


def _check_window(survey: Survey, now: datetime) -> None:
    window = questionnaire_window(survey, now)
    if window == "not-open":
        raise QuestionnaireClosed(
            _("This questionnaire opens on %(when)s UTC; nothing was saved.")
            % {"when": _when(survey.opens_at)}
        )
    if window == "closed":
        raise QuestionnaireClosed(
            _(
                "The deadline (%(when)s UTC) has passed: this survey no longer accepts answers. "
                "Nothing was saved."
            )
            % {"when": _when(survey.deadline)}
        )


def required_missing(
    questions: Iterable[Question], answers: Mapping[int, AnswerInput]
) -> list[Question]:
    """Required questions (the questionnaire's asterisks) left without an answer."""
    return [
        q
        for q in questions
        if q.required and q.takes_answers and answers.get(q.pk, AnswerInput()).is_empty
    ]


def _write_answers(
    *, response: Response, questions: list[Question], answers: Mapping[int, AnswerInput]
):
    """Store the answers that changed; an unchanged answer gets no new history row."""
    existing = {
        a.question_id: a
        for a in Answer.objects.filter(response=response).prefetch_related("choices")
    }
    for question in questions:
        if not question.takes_answers:
            continue
        given = answers.get(question.pk, AnswerInput())
        if len(given.text) > MAX_ANSWER_LENGTH:
            raise ValidationError(
                _("Q%(number)s: at most %(limit)s characters (%(given)s given).")
                % {
                    "number": question.number,
                    "limit": number_format(MAX_ANSWER_LENGTH, force_grouping=True),
                    "given": number_format(len(given.text), force_grouping=True),
                }
            )
        answer = existing.get(question.pk)
        if answer is None:
            if given.is_empty:
                continue
            answer = Answer(response=response, question=question)
        elif answer.text == given.text and {c.pk for c in answer.choices.all()} == {
            c.pk for c in given.choices
        }:
            continue
        answer.text = given.text
        answer_set_choices(answer=answer, choices=given.choices)


def _locked_response(survey: Survey, mechanism: Mechanism, version: int) -> Response:
    """The mechanism's response, locked for this transaction, if ``version`` is current."""
    response = (
        Response.objects.select_for_update().filter(survey=survey, mechanism=mechanism).first()
    )
    current = response.version if response else 0
    if version != current:
        if response and response.status == Response.Status.SUBMITTED:
            raise StaleVersion(
                _(
                    "This questionnaire was already submitted (%(when)s UTC) after you opened "
                    "this form. Nothing was changed; your answers are still in the form below. "
                    "Reload the page to see what was submitted before changing it again."
                )
                % {"when": _when(response.submitted_at)},
                code="stale",
            )
        raise StaleVersion(
            _(
                "Someone saved this questionnaire (perhaps in another tab) after you opened it. "
                "Your answers were NOT saved, so as not to overwrite theirs; they are still in "
                "the form below. Open the questionnaire again to see the saved answers."
            ),
            code="stale",
        )
    if response is None:
        response = Response.objects.create(
            survey=survey, mechanism=mechanism, status=Response.Status.DRAFT, version=0
        )
    return response


@transaction.atomic
def response_save_draft(
    *,
    survey: Survey,
    mechanism: Mechanism,
    answers: Mapping[int, AnswerInput],
    version: int,
    now: datetime | None = None,
) -> Response:
    """Save answers without submitting (``answers`` keyed by question id).

    ``version`` is the response's version the form was read at (0 before the first save);
    a stale one raises :class:`StaleVersion` and writes nothing. A submitted response is
    changed by submitting again, never turned back into a draft.
    """
    now = now or timezone.now()
    _check_window(survey, now)
    response = _locked_response(survey, mechanism, version)
    if response.status == Response.Status.SUBMITTED:
        raise ValidationError(
            _(
                "This questionnaire has been submitted; use “Submit changes” to change the "
                "submitted answers. Nothing was saved."
            )
        )
    questions = list(Question.objects.filter(survey=survey).prefetch_related("choices"))
    _write_answers(response=response, questions=questions, answers=answers)
    response.version += 1
    response.save(update_fields=["version"])
    return response


@transaction.atomic
def response_submit(
    *,
    survey: Survey,
    mechanism: Mechanism,
    answers: Mapping[int, AnswerInput],
    version: int,
    now: datetime | None = None,
) -> Response:
    """Store the answers and submit them, all or nothing; they count in results from now.

    Refused when a required question is unanswered. After the deadline the response is
    refused or marked late, as the survey's ``late_policy`` says. Submitting again (with
    the current version) changes the submitted answers; history keeps the earlier ones.
    """
    now = now or timezone.now()
    _check_window(survey, now)
    questions = list(Question.objects.filter(survey=survey).prefetch_related("choices"))
    missing = required_missing(questions, answers)
    if missing:
        raise ValidationError(
            [_("Q%(number)s is required.") % {"number": q.number} for q in missing], code="required"
        )
    response = _locked_response(survey, mechanism, version)
    _write_answers(response=response, questions=questions, answers=answers)
    response.status = Response.Status.SUBMITTED
    response.submitted_at = now
    response.is_late = bool(survey.deadline and now > survey.deadline)
    response.version += 1
    response.save(update_fields=["status", "submitted_at", "is_late", "version"])
    return response
