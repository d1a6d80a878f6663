"""Surveys, their questionnaires, responses with answers, and published figures."""

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from core.api.serializers import (
    RegistryModelSerializer,
    TranslatedTextField,
    natural_key,
    sources_field,
)
from gcm.models import GuidingPrinciple, Objective
from mechanisms.models import Mechanism, Meeting
from surveys.models import (
    Answer,
    Choice,
    PublishedFigure,
    PublishedFigureUnit,
    Question,
    Response,
    Survey,
)
from surveys.results import ROUNDING, published_basis

# --- Records ---------------------------------------------------------------------------


class SurveySerializer(RegistryModelSerializer):
    meeting = natural_key(Meeting.objects.all(), key="number", required=False, allow_null=True)
    approached = serializers.SlugRelatedField(
        slug_field="slug",
        many=True,
        read_only=True,
        help_text="Mechanisms the survey was sent to.",
    )
    sources = sources_field()

    class Meta:
        model = Survey
        fields = [
            "id",
            "slug",
            "title",
            "year",
            "meeting",
            "description",
            "approached",
            "sources",
        ]


class ChoiceSerializer(RegistryModelSerializer):
    mechanism = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    objective = serializers.SlugRelatedField(slug_field="number", read_only=True, allow_null=True)
    principle = serializers.SlugRelatedField(slug_field="letter", read_only=True, allow_null=True)

    class Meta:
        model = Choice
        fields = ["position", "label", "is_other", "mechanism", "objective", "principle"]


class QuestionSerializer(RegistryModelSerializer):
    survey = natural_key(Survey.objects.all())
    choices = ChoiceSerializer(many=True, read_only=True)
    sources = sources_field()

    class Meta:
        model = Question
        fields = [
            "id",
            "survey",
            "number",
            "section",
            "text",
            "help_text",
            "kind",
            "required",
            "choices",
            "sources",
        ]


class AnswerSerializer(RegistryModelSerializer):
    question = serializers.IntegerField(
        source="question.number",
        help_text="The question's number within its survey (what the questionnaire prints), "
        "not its id: /api/v1/questions/{id}/ takes question_id.",
    )
    question_number = serializers.IntegerField(
        source="question.number", help_text="The same as question: the number in the survey."
    )
    question_id = serializers.IntegerField(
        help_text="The question's id, as /api/v1/questions/{id}/ takes it."
    )
    choices = serializers.SlugRelatedField(slug_field="label", many=True, read_only=True)
    sources = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Answer
        fields = [
            "id",
            "question",
            "question_number",
            "question_id",
            "choices",
            "text",
            "statement",
            "sources",
        ]


# Named SurveyResponse in the schema: "Response" is a type of every generated client.
@extend_schema_serializer(component_name="SurveyResponse")
class ResponseSerializer(RegistryModelSerializer):
    survey = natural_key(Survey.objects.all())
    mechanism = natural_key(Mechanism.objects.all())
    answers = AnswerSerializer(many=True, read_only=True)
    sources = sources_field()

    class Meta:
        model = Response
        fields = [
            "id",
            "survey",
            "mechanism",
            "status",
            "submitted_at",
            "note",
            "answers",
            "sources",
        ]


class PublishedFigureSerializer(RegistryModelSerializer):
    survey = natural_key(Survey.objects.all())
    question = serializers.SlugRelatedField(
        slug_field="number",
        read_only=True,
        allow_null=True,
        help_text="Number of the question it counts.",
    )
    choice = serializers.SlugRelatedField(slug_field="label", read_only=True, allow_null=True)
    objective = natural_key(
        Objective.objects.all(),
        key="number",
        required=False,
        allow_null=True,
    )
    principle = natural_key(
        GuidingPrinciple.objects.all(), key="letter", required=False, allow_null=True
    )
    question_id = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The question's id (/api/v1/questions/{id}/)."
    )
    sources = sources_field()
    numerator = serializers.SerializerMethodField(
        help_text="The count the figure is of (a percent's implied count), where known."
    )
    denominator = serializers.SerializerMethodField(
        help_text="The base: the survey's respondents or approached mechanisms (basis); "
        "null where the report's base is not held."
    )
    rounding = serializers.SerializerMethodField()
    recomputable = serializers.SerializerMethodField()
    coverage = serializers.SerializerMethodField(
        help_text="In words: what the figure is of, and why a count from the registry's "
        "data may differ from it."
    )

    def _basis(self, obj) -> dict:
        cached = getattr(obj, "_basis", None)
        if cached is None:
            respondents = getattr(obj, "respondents_count", None)
            approached = getattr(obj, "approached_count", None)
            if respondents is None or approached is None:  # a write's answer
                respondents = obj.survey.responses.submitted().count()
                approached = obj.survey.invitations.count()
            cached = obj._basis = published_basis(obj, respondents, approached)
        return cached

    def get_numerator(self, obj) -> int | None:
        return self._basis(obj)["numerator"]

    def get_denominator(self, obj) -> int | None:
        return self._basis(obj)["denominator"]

    def get_rounding(self, obj) -> str:
        return self._basis(obj)["rounding"]

    def get_recomputable(self, obj) -> bool:
        return self._basis(obj)["recomputable"]

    def get_coverage(self, obj) -> str:
        return self._basis(obj)["coverage"]

    class Meta:
        model = PublishedFigure
        fields = [
            "id",
            "survey",
            "key",
            "label",
            "statement",
            "value",
            "unit",
            "basis",
            "question",
            "question_id",
            "choice",
            "objective",
            "principle",
            "note",
            "sources",
            "numerator",
            "denominator",
            "rounding",
            "recomputable",
            "coverage",
        ]


# --- Computed results (surveys.results) ------------------------------------------------


class ChoiceCountSerializer(serializers.Serializer):
    label = TranslatedTextField(source="choice.label")
    position = serializers.IntegerField(source="choice.position")
    count = serializers.IntegerField()
    percent = serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        allow_null=True,
        help_text="Percent of respondents: count / denominator, rounded to a whole percent "
        "half up (so always .00).",
    )
    numerator = serializers.IntegerField(source="count", help_text="The same as count.")
    denominator = serializers.IntegerField(source="base", help_text="Submitted responses.")
    rounding = serializers.SerializerMethodField()

    def get_rounding(self, obj) -> str:
        return ROUNDING[PublishedFigureUnit.PERCENT]


class FreeTextSerializer(serializers.Serializer):
    mechanism = serializers.CharField()
    text = serializers.CharField()

    def to_representation(self, instance):
        mechanism, text = instance
        return {"mechanism": mechanism.slug, "text": text}


class QuestionResultSerializer(serializers.Serializer):
    number = serializers.IntegerField(source="question.number")
    text = TranslatedTextField(source="question.text")
    kind = serializers.CharField(source="question.kind")
    answered = serializers.IntegerField()
    not_stated = serializers.IntegerField(
        help_text="Respondents whose answer to this question no source states."
    )
    choices = ChoiceCountSerializer(many=True)
    texts = FreeTextSerializer(many=True)


class FigureComparisonSerializer(serializers.Serializer):
    key = serializers.CharField(source="figure.key")
    label = TranslatedTextField(source="figure.label")
    statement = serializers.CharField(source="figure.statement")
    published = serializers.DecimalField(source="figure.value", max_digits=7, decimal_places=2)
    unit = serializers.CharField(source="figure.unit")
    basis = serializers.CharField(source="figure.basis")
    computed = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    difference = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    numerator = serializers.IntegerField(
        allow_null=True, help_text="The count the computed figure is made of."
    )
    denominator = serializers.IntegerField(
        allow_null=True, help_text="The computed figure's base (respondents or approached)."
    )
    rounding = serializers.SerializerMethodField()
    coverage = serializers.CharField(
        help_text="Why the computed figure may differ from the published one."
    )

    def get_rounding(self, obj) -> str:
        return ROUNDING.get(obj.figure.unit, "")


class SurveyResultsSerializer(serializers.Serializer):
    survey = serializers.CharField(source="survey.slug")
    title = TranslatedTextField(source="survey.title")
    respondents = serializers.IntegerField(help_text="Submitted responses.")
    approached = serializers.IntegerField()
    questions = QuestionResultSerializer(many=True)
    figures = FigureComparisonSerializer(many=True)
