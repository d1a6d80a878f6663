"""Survey workflows that span several rows (an answer and its chosen options)."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Answer, Choice, Question


def answer_choices_errors(*, question: Question, choices: Iterable[Choice]) -> list[str]:
    """Why these options cannot be the answer to ``question`` (empty when they can)."""
    choices = list(choices)
    errors = []
    foreign = [c for c in choices if c.question_id != question.pk]
    if foreign:
        labels = ", ".join(f"'{c.label}'" for c in foreign)
        errors.append(f"{labels} belong(s) to another question than Q{question.number}.")
    if choices and question.kind in (Question.Kind.TEXT, Question.Kind.INFO):
        errors.append(f"Q{question.number} takes no options ({question.get_kind_display()}).")
    if question.kind == Question.Kind.SINGLE and len({c.pk for c in choices}) > 1:
        errors.append(f"Q{question.number} is single choice: choose one option only.")
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
