from core.api.views import ReadOnlyRegistryViewSet
from statements.api.serializers import DefinitionSerializer, StatementSerializer
from statements.filtersets import DefinitionFilterSet, StatementFilterSet
from statements.models import Definition, Statement

SLUG = r"[-\w]+"


class StatementViewSet(ReadOnlyRegistryViewSet):
    """Recommendations, proposals, challenges, commitments, outcomes and conclusions, quoted
    with their note and place, event, and the objectives, mechanisms and actors they concern."""

    queryset = Statement.objects.select_related(
        "document", "event", "session", "speaker", "restates"
    ).prefetch_related("objectives", "mechanisms", "organizations", "countries", "sources")
    serializer_class = StatementSerializer
    filterset_class = StatementFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG


class DefinitionViewSet(ReadOnlyRegistryViewSet):
    """The notes' definitions of terms (ISCM, RCP, IRF, global process, ...)."""

    queryset = Definition.objects.select_related("document").prefetch_related("sources")
    serializer_class = DefinitionSerializer
    filterset_class = DefinitionFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG
