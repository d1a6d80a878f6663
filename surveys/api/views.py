from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response as APIResponse

from core.api.views import RegistryViewSet
from surveys.api.serializers import (
    PublishedFigureSerializer,
    QuestionSerializer,
    ResponseSerializer,
    SurveyResultsSerializer,
    SurveySerializer,
)
from surveys.filtersets import (
    PublishedFigureFilterSet,
    QuestionFilterSet,
    ResponseFilterSet,
    SurveyFilterSet,
)
from surveys.models import (
    Answer,
    Choice,
    Invitation,
    PublishedFigure,
    Question,
    Response,
    Survey,
)
from surveys.results import survey_results
from surveys.visibility import PUBLIC_ANSWERS, visible_responses


def count_of(queryset):
    """Rows of ``queryset`` (with a ``survey``) of each row's survey, as a subquery."""
    grouped = (
        queryset.filter(survey=OuterRef("survey"))
        .order_by()
        .values("survey")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(grouped), 0)


class SurveyViewSet(RegistryViewSet):
    """Survey rounds; ``results/`` recomputes each question from stored answers."""

    queryset = Survey.objects.select_related("meeting").prefetch_related("approached", "sources")
    serializer_class = SurveySerializer
    filterset_class = SurveyFilterSet
    lookup_field = "slug"
    lookup_value_regex = r"[-\w]+"

    def get_queryset(self):
        if self.action == "results":
            # Results read the survey row only; not its approached mechanisms (thousands).
            return Survey.objects.all()
        return super().get_queryset()

    @extend_schema(responses=SurveyResultsSerializer, filters=False)
    @action(detail=True, methods=["get"], filterset_class=None)
    def results(self, request, slug=None):
        """Counts per question from submitted responses, beside the report's own figures."""
        survey = self.get_object()
        return APIResponse(SurveyResultsSerializer(survey_results(survey)).data)


class QuestionViewSet(RegistryViewSet):
    queryset = Question.objects.select_related("survey").prefetch_related(
        "sources",
        Prefetch(
            "choices",
            queryset=Choice.objects.select_related("mechanism", "objective", "principle"),
        ),
    )
    serializer_class = QuestionSerializer
    filterset_class = QuestionFilterSet


class ResponseViewSet(RegistryViewSet):
    """One mechanism's questionnaire with its answers (choices by label)."""

    queryset = Response.objects.select_related("survey", "mechanism").prefetch_related(
        "sources",
        Prefetch(
            "answers",
            # Never an answer naming a person, to anyone (surveys.visibility).
            queryset=Answer.objects.filter(PUBLIC_ANSWERS)
            .select_related("question")
            .prefetch_related("choices", "sources"),
        ),
    )
    serializer_class = ResponseSerializer
    filterset_class = ResponseFilterSet

    def get_queryset(self):
        """Drafts are private: only their mechanism's secretariat and staff who may read
        responses see them; submitted responses are public (they are the results).
        """
        return super().get_queryset().filter(visible_responses(self.request.user))


class PublishedFigureViewSet(RegistryViewSet):
    # Each figure's base (numerator, denominator: PublishedFigureSerializer) from two
    # counts per row in the same query, not a query per figure.
    queryset = (
        PublishedFigure.objects.select_related(
            "survey", "question", "choice", "objective", "principle"
        )
        .prefetch_related("sources")
        .annotate(
            respondents_count=count_of(Response.objects.submitted()),
            approached_count=count_of(Invitation.objects.all()),
        )
    )
    serializer_class = PublishedFigureSerializer
    filterset_class = PublishedFigureFilterSet
