from django_filters import rest_framework as filters

from core.api.filters import choice_filter, search_filter, text_matches
from sources.models import Document

DOCUMENT_ORDERING = ["slug", "date", "symbol", "title"]


def _search_documents(queryset, name, value):
    fields = ["slug", "symbol", "title", "short_title", "description"]
    return queryset.filter(pk__in=text_matches(Document.objects.all(), value, fields).values("pk"))


class DocumentFilterSet(filters.FilterSet):
    kind = choice_filter(Document.Kind.choices)
    search = search_filter()
    ordering = filters.OrderingFilter(fields=[*DOCUMENT_ORDERING, "kind"])

    class Meta:
        model = Document
        fields = ["kind"]

    def filter_search(self, queryset, name, value):
        return _search_documents(queryset, name, value)


class SourceFilterSet(filters.FilterSet):
    search = search_filter()
    ordering = filters.OrderingFilter(fields=DOCUMENT_ORDERING)

    class Meta:
        model = Document
        fields = []

    def filter_search(self, queryset, name, value):
        return _search_documents(queryset, name, value)
