"""Surveys IOM runs among mechanism secretariats: questionnaires, responses, published figures."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.links import page_url
from core.models import SlugManager, translation_of
from gcm.models import GuidingPrinciple, Objective
from mechanisms.models import Mechanism, Meeting
from sources.models import Sourced


class LatePolicy(models.TextChoices):
    REFUSE = "refuse", _("Refuse answers after the deadline")
    ACCEPT = "accept", _("Accept answers after the deadline and mark them late")


class Survey(Sourced):
    """A survey round among ISCMs, e.g. the 2021 survey on ISCM inputs to the IMRF.

    ``approached`` (through :class:`Invitation`) holds the mechanisms asked to answer;
    ``responses`` those that did. A round run in the registry has an opening date and a
    deadline; ``late_policy`` says what happens to answers after the deadline.
    ``copied_from`` is the round whose questionnaire it started from.
    """

    LatePolicy = LatePolicy

    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    title = models.CharField(max_length=400, verbose_name=_("title"))
    title_fr = translation_of(title, "fr", "title")
    title_es = translation_of(title, "es", "title")
    year = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("year"))
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
        help_text=_("The GRCP meeting the survey prepared or reported to."),
        verbose_name=_("meeting"),
    )
    description = models.TextField(blank=True, verbose_name=_("description"))
    description_fr = translation_of(description, "fr", "description")
    description_es = translation_of(description, "es", "description")
    approached = models.ManyToManyField(
        Mechanism,
        through="Invitation",
        related_name="surveys_approached",
        blank=True,
        verbose_name=_("approached"),
    )
    opens_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Secretariats can answer from this time on."),
        verbose_name=_("opens at"),
    )
    deadline = models.DateTimeField(null=True, blank=True, verbose_name=_("deadline"))
    late_policy = models.CharField(
        max_length=10, choices=LatePolicy, default=LatePolicy.REFUSE, verbose_name=_("late policy")
    )
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="copies",
        help_text=_("The round whose questionnaire this one copied."),
        verbose_name=_("copied from"),
    )

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-year", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(late_policy__in=LatePolicy.values),
                name="%(app_label)s_%(class)s_late_policy_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True)
                | models.Q(deadline__isnull=True)
                | models.Q(deadline__gt=models.F("opens_at")),
                name="%(app_label)s_%(class)s_deadline_after_opening",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.opens_at and self.deadline and self.deadline <= self.opens_at:
            raise ValidationError({"deadline": _("The deadline must come after the opening date.")})

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return page_url("surveys:detail", self.slug)


class InvitationManager(models.Manager):
    def get_by_natural_key(self, survey_slug, mechanism_slug):
        return self.get(survey__slug=survey_slug, mechanism__slug=mechanism_slug)


class Invitation(Sourced):
    """A mechanism approached for a survey (29 for the 2021 survey)."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("survey")
    )
    mechanism = models.ForeignKey(
        Mechanism, on_delete=models.PROTECT, related_name="invitations", verbose_name=_("mechanism")
    )
    invited_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When the invitation e-mail was sent."),
        verbose_name=_("invited at"),
    )
    reminded_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When the last reminder e-mail was sent."),
        verbose_name=_("reminded at"),
    )

    objects = InvitationManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["survey_id", "mechanism_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "mechanism"], name="%(app_label)s_%(class)s_unique"
            ),
        ]

    def __str__(self):
        return f"{self.mechanism} invited to {self.survey}"

    def natural_key(self):
        return (*self.survey.natural_key(), *self.mechanism.natural_key())

    natural_key.dependencies = ["surveys.survey", "mechanisms.mechanism"]


class QuestionManager(models.Manager):
    def get_by_natural_key(self, survey_slug, number):
        return self.get(survey__slug=survey_slug, number=number)


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TEXT = "text", _("Free text")
    # 004's item 18 ("This is not a question ...") lists the GCM objectives and guiding
    # principles for reference; it is part of the questionnaire but takes no answer.
    INFO = "info", _("Reference list (not a question)")


class Question(Sourced):
    """A numbered item of a survey's questionnaire: a question, or a reference list (``info``)."""

    Kind = QuestionKind

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey")
    )
    number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1)], verbose_name=_("number")
    )
    section = models.CharField(max_length=200, blank=True, verbose_name=_("section"))
    section_fr = translation_of(section, "fr", "section")
    section_es = translation_of(section, "es", "section")
    text = models.TextField(verbose_name=_("text"))
    text_fr = translation_of(text, "fr", "text")
    text_es = translation_of(text, "es", "text")
    help_text = models.TextField(blank=True, verbose_name=_("help text"))
    help_text_fr = translation_of(help_text, "fr", "help text")
    help_text_es = translation_of(help_text, "es", "help text")
    kind = models.CharField(max_length=10, choices=Kind, verbose_name=_("kind"))
    required = models.BooleanField(
        default=False, help_text=_("Marked with an asterisk."), verbose_name=_("required")
    )
    personal_data = models.BooleanField(
        default=False,
        help_text=(
            _(
                "Asks for personal data (e.g. the respondent's name): its answers are shown only "
                "to staff and the mechanism's own secretariat, never on public pages, the API "
                "or the dump."
            )
        ),
        verbose_name=_("personal data"),
    )
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        help_text=_("The same question in an earlier round (results are shown side by side)."),
        verbose_name=_("copied from"),
    )

    objects = QuestionManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "number"], name="%(app_label)s_%(class)s_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=QuestionKind.values),
                name="%(app_label)s_%(class)s_kind_valid",
            ),
        ]

    def __str__(self):
        return f"Q{self.number}. {self.text[:80]}"

    @property
    def takes_answers(self) -> bool:
        return self.kind != QuestionKind.INFO

    def natural_key(self):
        return (*self.survey.natural_key(), self.number)

    natural_key.dependencies = ["surveys.survey"]


class ChoiceManager(models.Manager):
    def get_by_natural_key(self, survey_slug, question_number, label):
        return self.get(
            question__survey__slug=survey_slug, question__number=question_number, label=label
        )


class Choice(Sourced):
    """An option of a single- or multiple-choice question; ``is_other`` for "Other: ___"."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))
    label = models.CharField(max_length=400, verbose_name=_("label"))
    label_fr = translation_of(label, "fr", "label")
    label_es = translation_of(label, "es", "label")
    is_other = models.BooleanField(
        default=False, help_text=_("An 'Other: ___' option with text."), verbose_name=_("is other")
    )
    mechanism = models.ForeignKey(
        Mechanism,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mechanism"),
    )
    objective = models.ForeignKey(
        Objective,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("objective"),
    )
    principle = models.ForeignKey(
        GuidingPrinciple,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("principle"),
    )

    objects = ChoiceManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "label"], name="%(app_label)s_%(class)s_unique_label"
            ),
        ]

    def __str__(self):
        return self.label

    def natural_key(self):
        return (*self.question.natural_key(), self.label)

    natural_key.dependencies = ["surveys.question"]


class ResponseQuerySet(models.QuerySet):
    def submitted(self):
        """Responses that count in results (drafts do not)."""
        return self.filter(status=ResponseStatus.SUBMITTED)


class ResponseManager(models.Manager.from_queryset(ResponseQuerySet)):
    def get_by_natural_key(self, survey_slug, mechanism_slug):
        return self.get(survey__slug=survey_slug, mechanism__slug=mechanism_slug)


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Response(Sourced):
    """One mechanism's questionnaire for one survey (at most one per mechanism per survey)."""

    Status = ResponseStatus

    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="responses", verbose_name=_("survey")
    )
    mechanism = models.ForeignKey(
        Mechanism, on_delete=models.PROTECT, related_name="responses", verbose_name=_("mechanism")
    )
    status = models.CharField(
        max_length=10, choices=Status, default=Status.SUBMITTED, verbose_name=_("status")
    )
    submitted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("submitted at"))
    note = models.TextField(blank=True, verbose_name=_("note"))
    # Raised on every save through the questionnaire; a form carries the version it was
    # read at, and a save from a stale form is refused instead of overwriting newer answers.
    version = models.PositiveIntegerField(default=1, verbose_name=_("version"))
    is_late = models.BooleanField(
        default=False, help_text=_("Submitted after the deadline."), verbose_name=_("is late")
    )

    objects = ResponseManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["survey_id", "mechanism_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "mechanism"],
                name="%(app_label)s_%(class)s_one_per_mechanism",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ResponseStatus.values),
                name="%(app_label)s_%(class)s_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.mechanism} — {self.survey}"

    def natural_key(self):
        return (*self.survey.natural_key(), *self.mechanism.natural_key())

    natural_key.dependencies = ["surveys.survey", "mechanisms.mechanism"]


class AnswerManager(models.Manager):
    def get_by_natural_key(self, survey_slug, mechanism_slug, question_number):
        return self.get(
            response__survey__slug=survey_slug,
            response__mechanism__slug=mechanism_slug,
            question__number=question_number,
        )


class Answer(Sourced):
    """A response's answer to one question: chosen options and/or free text.

    For seeded answers ``statement`` quotes the report passage(s) that give the answer;
    several passages are separated by a blank line. Which choices an answer may hold is
    checked by ``surveys.services.answer_set_choices`` (m2m rows cannot be validated in
    ``clean()`` before the answer is saved).
    """

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )
    choices = models.ManyToManyField(
        Choice, blank=True, related_name="answers", verbose_name=_("choices")
    )
    text = models.TextField(blank=True, verbose_name=_("text"))
    statement = models.TextField(
        blank=True,
        help_text=_(
            "Where the report states this answer, quoted; several passages are "
            "separated by a blank line."
        ),
        verbose_name=_("statement"),
    )

    objects = AnswerManager()
    history = HistoricalRecords(m2m_fields=["sources", "choices"])

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["response_id", "question_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="%(app_label)s_%(class)s_unique"
            ),
        ]

    def __str__(self):
        return f"{self.response}: Q{self.question.number}"

    def natural_key(self):
        return (*self.response.natural_key(), self.question.number)

    natural_key.dependencies = ["surveys.response", "surveys.question"]

    def clean(self):
        if (
            self.question_id
            and self.response_id
            and self.question.survey_id != self.response.survey_id
        ):
            raise ValidationError({"question": _("This question belongs to another survey.")})
        if self.question_id and not self.question.takes_answers:
            raise ValidationError(
                {
                    "question": _("Item %(number)s is a reference list, not a question.")
                    % {"number": self.question.number}
                }
            )


class PublishedFigureManager(models.Manager):
    def get_by_natural_key(self, survey_slug, key):
        return self.get(survey__slug=survey_slug, key=key)


class PublishedFigureUnit(models.TextChoices):
    PERCENT = "percent", _("Percent")
    COUNT = "count", _("Count")
    # Order in a published list ("GCM objectives prioritized": #23, #10, #9, ...).
    RANK = "rank", _("Position in a published list")


class PublishedFigureBasis(models.TextChoices):
    RESPONDENTS = "respondents", _("Of the mechanisms that responded")
    APPROACHED = "approached", _("Of the mechanisms approached")
    OTHER = "other", _("Other base, not recomputable")


class PublishedFigure(Sourced):
    """A percentage, count or list position a survey report states, kept as published.

    ``question``/``choice`` (and ``objective``/``principle``) say what the figure is about.
    ``basis`` says whether it can be recomputed from stored answers: ``respondents`` or
    ``approached`` (the denominator of a percentage) — recomputed and compared;
    ``other`` — shown as published only, e.g. "4 undecided" (004 does not say who) or
    "37 % of active ISCMs" (a base the registry does not hold).
    """

    Unit = PublishedFigureUnit

    Basis = PublishedFigureBasis

    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="published_figures", verbose_name=_("survey")
    )
    key = models.SlugField(max_length=80, verbose_name=_("key"))
    label = models.CharField(max_length=300, verbose_name=_("label"))
    label_fr = translation_of(label, "fr", "label")
    label_es = translation_of(label, "es", "label")
    statement = models.TextField(
        help_text=_("The report's sentence, quoted."), verbose_name=_("statement")
    )
    value = models.DecimalField(
        max_digits=7, decimal_places=2, validators=[MinValueValidator(0)], verbose_name=_("value")
    )
    unit = models.CharField(max_length=10, choices=Unit, verbose_name=_("unit"))
    basis = models.CharField(
        max_length=12, choices=Basis, default=Basis.OTHER, verbose_name=_("basis")
    )
    question = models.ForeignKey(
        Question,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_figures",
        verbose_name=_("question"),
    )
    choice = models.ForeignKey(
        Choice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_figures",
        verbose_name=_("choice"),
    )
    objective = models.ForeignKey(
        Objective,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_figures",
        verbose_name=_("objective"),
    )
    principle = models.ForeignKey(
        GuidingPrinciple,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_figures",
        verbose_name=_("principle"),
    )
    note = models.TextField(
        blank=True,
        help_text=_("Where the figure disagrees with other statements, and how it is kept."),
        verbose_name=_("note"),
    )

    objects = PublishedFigureManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("published figure")
        verbose_name_plural = _("published figures")
        ordering = ["survey_id", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "key"], name="%(app_label)s_%(class)s_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(unit__in=PublishedFigureUnit.values),
                name="%(app_label)s_%(class)s_unit_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0), name="%(app_label)s_%(class)s_value_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(basis__in=PublishedFigureBasis.values),
                name="%(app_label)s_%(class)s_basis_valid",
            ),
        ]

    def __str__(self):
        return f"{self.survey}: {self.label}"

    def natural_key(self):
        return (*self.survey.natural_key(), self.key)

    natural_key.dependencies = ["surveys.survey"]
