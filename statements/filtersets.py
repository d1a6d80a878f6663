from django_filters import rest_framework as filters

from core.api.filters import search_filter, slug_filter, text_matches
from countries.models import Country
from events.models import Event
from gcm.models import Objective
from mechanisms.models import Mechanism, Organization
from sources.models import Document
from statements.models import Definition, Statement, StatementKind


class StatementFilterSet(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=StatementKind.choices)
    document = slug_filter("document", Document.objects.all())
    event = slug_filter("event", Event.objects.all())
    mechanism = slug_filter("mechanisms", Mechanism.objects.all())
    objective = slug_filter("objectives", Objective.objects.all(), to_field_name="number")
    organization = slug_filter("organizations", Organization.objects.all())
    country = slug_filter("countries", Country.objects.all(), to_field_name="code")
    search = search_filter()
    ordering = filters.OrderingFilter(fields=["kind", "place", "position", "slug"])

    class Meta:
        model = Statement
        fields = []

    def filter_search(self, queryset, name, value):
        fields = ["slug", "text", "place", "actors"]
        return queryset.filter(
            pk__in=text_matches(Statement.objects.all(), value, fields).values("pk")
        )


class DefinitionFilterSet(filters.FilterSet):
    term_key = filters.CharFilter(max_length=60)
    document = slug_filter("document", Document.objects.all())
    search = search_filter()

    class Meta:
        model = Definition
        fields = []

    def filter_search(self, queryset, name, value):
        fields = ["slug", "term", "abbreviation", "text"]
        return queryset.filter(
            pk__in=text_matches(Definition.objects.all(), value, fields).values("pk")
        )
