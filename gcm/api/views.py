from django.db.models import Prefetch

from core.api.views import RegistryViewSet
from gcm.api.serializers import (
    EntryPointSerializer,
    GuidingPrincipleSerializer,
    ObjectiveDetailSerializer,
    ObjectiveSerializer,
    ReferenceSerializer,
    StakeholderEngagementSerializer,
)
from gcm.filtersets import (
    EntryPointFilterSet,
    GuidingPrincipleFilterSet,
    ObjectiveFilterSet,
    ReferenceFilterSet,
    StakeholderEngagementFilterSet,
)
from gcm.models import (
    EntryPoint,
    GuidingPrinciple,
    MechanismObjective,
    Objective,
    Reference,
    StakeholderEngagement,
)
from mechanisms.models import Mechanism
from sources.models import Document


class ObjectiveViewSet(RegistryViewSet):
    """The 23 GCM objectives; the detail lists the mechanisms a note ties to each."""

    queryset = Objective.objects.prefetch_related("sources")
    filterset_class = ObjectiveFilterSet
    lookup_field = "number"
    lookup_value_regex = r"[0-9]{1,5}"

    def get_serializer_class(self):
        return ObjectiveSerializer if self.action == "list" else ObjectiveDetailSerializer

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            return queryset
        links = MechanismObjective.objects.select_related("mechanism")
        return queryset.prefetch_related(Prefetch("mechanism_links", queryset=links))


class GuidingPrincipleViewSet(RegistryViewSet):
    queryset = GuidingPrinciple.objects.prefetch_related("sources")
    serializer_class = GuidingPrincipleSerializer
    filterset_class = GuidingPrincipleFilterSet
    lookup_field = "letter"
    lookup_value_regex = r"[a-z]"


class ReferenceViewSet(RegistryViewSet):
    """Where a GCM text uses a wording about ISCMs or other actors, one row per paragraph."""

    # The rows show related mechanisms and notes by slug only: load just that column.
    queryset = Reference.objects.select_related("document", "objective").prefetch_related(
        Prefetch("mechanisms", queryset=Mechanism.objects.only("slug")),
        Prefetch("sources", queryset=Document.objects.only("slug")),
    )
    serializer_class = ReferenceSerializer
    filterset_class = ReferenceFilterSet


class EntryPointViewSet(RegistryViewSet):
    queryset = EntryPoint.objects.select_related("document", "objective").prefetch_related(
        "sources"
    )
    serializer_class = EntryPointSerializer
    filterset_class = EntryPointFilterSet


class StakeholderEngagementViewSet(RegistryViewSet):
    queryset = StakeholderEngagement.objects.select_related("document").prefetch_related(
        "objectives", "sources"
    )
    serializer_class = StakeholderEngagementSerializer
    filterset_class = StakeholderEngagementFilterSet
