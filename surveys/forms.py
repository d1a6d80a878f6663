"""The questionnaire as a web form, built from a survey's questions."""

from __future__ import annotations

from django import forms
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core.models import translated, translated_html

from .models import Question, Response
from .services import MAX_ANSWER_LENGTH, AnswerInput, required_missing


def _text_help() -> str:
    return _("Up to %(count)s characters.") % {
        "count": number_format(MAX_ANSWER_LENGTH, force_grouping=True)
    }


def _help(question: Question):
    """The question's help in the reader's language (safe HTML: English marked where an
    editor has not translated it), or "" when it has none."""
    return translated_html(question, "help_text") if question.help_text else ""


def _text_field(label: str, help_text="") -> forms.CharField:
    # max_length also sets the textarea's maxlength, so browsers stop at the limit too.
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        max_length=MAX_ANSWER_LENGTH,
        help_text=format_html("{} {}", help_text, _text_help()) if help_text else _text_help(),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )


class QuestionnaireForm(forms.Form):
    """One field per question (``q<number>``), plus ``q<number>_other`` for "Other: ___".

    Single choice → radio buttons, multiple choice → checkboxes, free text → a text area;
    reference lists (``info``) get no field and are shown as text. Texts and option labels
    are in the reader's language where an editor translated them, else in English marked
    "not translated" (core.models.translated_html). Option values are the
    options' ids: a value the question does not offer is a form error. Required questions
    are only enforced on submit (a draft may be incomplete): call ``check_required()``.
    """

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(
        self,
        *args,
        questions: list[Question],
        response: Response | None = None,
        mechanism=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.initial["version"] = response.version if response else 0
        stored = {a.question_id: a for a in response.answers.all()} if response else {}
        for question in questions:
            if not question.takes_answers:
                continue
            name = f"q{question.number}"
            label = f"Q{question.number}. {translated(question, 'text')[0]}"
            options = list(question.choices.all())
            answer = stored.get(question.pk)
            chosen = [str(c.pk) for c in answer.choices.all()] if answer else []
            if question.kind == Question.Kind.TEXT:
                self.fields[name] = _text_field(label, _help(question))
                self.initial[name] = answer.text if answer else ""
                continue
            field_class, widget = (
                (forms.ChoiceField, forms.RadioSelect)
                if question.kind == Question.Kind.SINGLE
                else (forms.MultipleChoiceField, forms.CheckboxSelectMultiple)
            )
            self.fields[name] = field_class(
                label=label,
                required=False,
                help_text=_help(question),
                choices=[(str(c.pk), translated_html(c, "label")) for c in options],
                widget=widget,
            )
            if question.kind == Question.Kind.SINGLE:
                self.initial[name] = chosen[0] if chosen else ""
                # Q1 asks which mechanism answers: that is known, so it is preselected.
                if not answer and mechanism is not None:
                    for option in options:
                        if option.mechanism_id == mechanism.pk:
                            self.initial[name] = str(option.pk)
            else:
                self.initial[name] = chosen
            if any(c.is_other for c in options):
                self.fields[f"{name}_other"] = _text_field(_("Other: please specify"))
                self.initial[f"{name}_other"] = answer.text if answer else ""

    def items(self):
        """(question, field, other field) in questionnaire order; fields None for info items."""
        for question in self.questions:
            name = f"q{question.number}"
            yield {
                "question": question,
                "field": self[name] if name in self.fields else None,
                "other": self[f"{name}_other"] if f"{name}_other" in self.fields else None,
            }

    def answers(self) -> dict[int, AnswerInput]:
        """The cleaned answers, keyed by question id (call after ``is_valid()``)."""
        result = {}
        for question in self.questions:
            name = f"q{question.number}"
            if name not in self.fields:
                continue
            options = {str(c.pk): c for c in question.choices.all()}
            value = self.cleaned_data.get(name)
            if question.kind == Question.Kind.TEXT:
                result[question.pk] = AnswerInput(text=value or "")
                continue
            values = [value] if isinstance(value, str) else list(value or [])
            result[question.pk] = AnswerInput(
                choices=[options[v] for v in values if v],
                text=self.cleaned_data.get(f"{name}_other") or "",
            )
        return result

    def check_required(self) -> bool:
        """Add an error to each required question left empty; True when there is none."""
        answers = self.answers()
        for question in required_missing(self.questions, answers):
            self.add_error(f"q{question.number}", _("This question is required (*)."))
        for question in self.questions:
            given = answers.get(question.pk)
            if given and any(c.is_other for c in given.choices) and not given.text.strip():
                self.add_error(f"q{question.number}_other", _("Please say what “Other” is."))
        return not self.errors
