from core.api.views import ReadOnlyRegistryViewSet, RegistryViewSet
from sources.api.serializers import DocumentSerializer, SourceSerializer
from sources.filtersets import DocumentFilterSet, SourceFilterSet
from sources.models import Document


class DocumentViewSet(RegistryViewSet):
    """UN texts and IOM notes: every document the registry cites or points into."""

    queryset = Document.objects.prefetch_related("sources")
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilterSet
    lookup_field = "slug"
    lookup_value_regex = r"[-\w]+"


class SourceViewSet(ReadOnlyRegistryViewSet):
    """The IOM notes seeded facts come from (edit them through ``documents/``)."""

    queryset = Document.objects.notes()
    serializer_class = SourceSerializer
    filterset_class = SourceFilterSet
    lookup_field = "slug"
    lookup_value_regex = r"[-\w]+"
