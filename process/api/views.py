from core.api.views import ReadOnlyRegistryViewSet
from process.api.serializers import PhaseSerializer, ThematicSessionSerializer
from process.models import Phase, ThematicSession


class PhaseViewSet(ReadOnlyRegistryViewSet):
    """Phases of the GCM process with the months the notes give."""

    queryset = Phase.objects.prefetch_related("sources", "thematic_sessions")
    serializer_class = PhaseSerializer
    filterset_fields = ["stage"]
    lookup_field = "slug"
    lookup_value_regex = r"[-\w]+"


class ThematicSessionViewSet(ReadOnlyRegistryViewSet):
    """The six informal thematic sessions of the GCM consultations phase (001)."""

    queryset = ThematicSession.objects.select_related("phase").prefetch_related("sources")
    serializer_class = ThematicSessionSerializer
    lookup_field = "number"
    lookup_value_regex = r"[0-9]{1,5}"
