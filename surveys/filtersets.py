from django_filters import rest_framework as filters

from core.api.filters import (
    IntegerFilter,
    choice_filter,
    id_filter,
    search_filter,
    slug_filter,
    text_matches,
)
from gcm.models import GuidingPrinciple, Objective
from mechanisms.models import Mechanism, Meeting
from surveys.models import PublishedFigure, Question, Response, Survey


def _survey():
    return slug_filter("survey", Survey.objects.all())


class SurveyFilterSet(filters.FilterSet):
    year = IntegerFilter()
    meeting = slug_filter("meeting", Meeting.objects.all(), to_field_name="number")
    search = search_filter()
    ordering = filters.OrderingFilter(fields=["year", "slug", "title"])

    class Meta:
        model = Survey
        fields = []

    def filter_search(self, queryset, name, value):
        matches = text_matches(Survey.objects.all(), value, ["slug", "title", "description"])
        return queryset.filter(pk__in=matches.values("pk"))


class QuestionFilterSet(filters.FilterSet):
    survey = _survey()
    survey_id = id_filter("survey", Survey.objects.all())
    kind = choice_filter(Question.Kind.choices)
    number = IntegerFilter()
    search = search_filter()
    ordering = filters.OrderingFilter(fields=["number", "id"])

    class Meta:
        model = Question
        fields = []

    def filter_search(self, queryset, name, value):
        matches = text_matches(Question.objects.all(), value, ["section", "text", "help_text"])
        return queryset.filter(pk__in=matches.values("pk"))


class ResponseFilterSet(filters.FilterSet):
    survey = _survey()
    survey_id = id_filter("survey", Survey.objects.all())
    mechanism = slug_filter("mechanism", Mechanism.objects.all())
    mechanism_id = id_filter("mechanism", Mechanism.objects.all())
    status = choice_filter(Response.Status.choices)
    ordering = filters.OrderingFilter(
        fields=[("survey__slug", "survey"), ("mechanism__slug", "mechanism"), "submitted_at"]
    )

    class Meta:
        model = Response
        fields = []


class PublishedFigureFilterSet(filters.FilterSet):
    survey = _survey()
    survey_id = id_filter("survey", Survey.objects.all())
    unit = choice_filter(PublishedFigure.Unit.choices)
    basis = choice_filter(PublishedFigure.Basis.choices)
    objective = slug_filter("objective", Objective.objects.all(), to_field_name="number")
    principle = slug_filter("principle", GuidingPrinciple.objects.all(), to_field_name="letter")
    ordering = filters.OrderingFilter(fields=["key", "id"])

    class Meta:
        model = PublishedFigure
        fields = []
