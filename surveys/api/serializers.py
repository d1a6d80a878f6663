"""Surveys, their questionnaires, responses with answers, and published figures."""

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from core.api.serializers import RegistryModelSerializer, natural_key, sources_field
from gcm.models import GuidingPrinciple, Objective
from mechanisms.models import Mechanism, Meeting
from surveys.models import Answer, Choice, PublishedFigure, Question, Response, Survey

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
    sources = sources_field()

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
            "choice",
            "objective",
            "principle",
            "note",
            "sources",
        ]


# --- Computed results (surveys.results) ------------------------------------------------


class ChoiceCountSerializer(serializers.Serializer):
    label = serializers.CharField(source="choice.label")
    position = serializers.IntegerField(source="choice.position")
    count = serializers.IntegerField()
    percent = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True, help_text="Percent of respondents."
    )


class FreeTextSerializer(serializers.Serializer):
    mechanism = serializers.CharField()
    text = serializers.CharField()

    def to_representation(self, instance):
        mechanism, text = instance
        return {"mechanism": mechanism.slug, "text": text}


class QuestionResultSerializer(serializers.Serializer):
    number = serializers.IntegerField(source="question.number")
    text = serializers.CharField(source="question.text")
    kind = serializers.CharField(source="question.kind")
    answered = serializers.IntegerField()
    not_stated = serializers.IntegerField(
        help_text="Respondents whose answer to this question no source states."
    )
    choices = ChoiceCountSerializer(many=True)
    texts = FreeTextSerializer(many=True)


class FigureComparisonSerializer(serializers.Serializer):
    key = serializers.CharField(source="figure.key")
    label = serializers.CharField(source="figure.label")
    statement = serializers.CharField(source="figure.statement")
    published = serializers.DecimalField(source="figure.value", max_digits=7, decimal_places=2)
    unit = serializers.CharField(source="figure.unit")
    basis = serializers.CharField(source="figure.basis")
    computed = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    difference = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)


class SurveyResultsSerializer(serializers.Serializer):
    survey = serializers.CharField(source="survey.slug")
    title = serializers.CharField(source="survey.title")
    respondents = serializers.IntegerField(help_text="Submitted responses.")
    approached = serializers.IntegerField()
    questions = QuestionResultSerializer(many=True)
    figures = FigureComparisonSerializer(many=True)
