from django.db.models import Prefetch

from core.api.keys import attach_m2m_keys, json_list, m2m_keys
from core.api.views import ReadOnlyRegistryViewSet, RegistryViewSet
from gcm.api.serializers import (
    EntryPointSerializer,
    GuidingPrincipleSerializer,
    ObjectiveDetailSerializer,
    ObjectiveSerializer,
    ReferenceListSerializer,
    ReferenceQuoteRowSerializer,
    ReferenceSerializer,
    StakeholderEngagementSerializer,
)
from gcm.filtersets import (
    EntryPointFilterSet,
    GuidingPrincipleFilterSet,
    ObjectiveFilterSet,
    ReferenceFilterSet,
    ReferenceQuoteFilterSet,
    StakeholderEngagementFilterSet,
)
from gcm.models import (
    EntryPoint,
    GuidingPrinciple,
    MechanismObjective,
    Objective,
    Reference,
    ReferenceQuote,
    StakeholderEngagement,
)


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

    queryset = Reference.objects.select_related("document", "objective")
    serializer_class = ReferenceSerializer
    filterset_class = ReferenceFilterSet

    def get_queryset(self):
        if self.action == "list":  # keys attached per page in get_serializer
            return super().get_queryset()
        quotes = ReferenceQuote.objects.select_related("source")
        return (
            super()
            .get_queryset()
            .prefetch_related("mechanisms", "sources", Prefetch("quotes", queryset=quotes))
        )

    def get_serializer_class(self):
        return ReferenceListSerializer if self.action == "list" else ReferenceSerializer

    def get_serializer(self, *args, **kwargs):
        if self.action == "list" and args:
            page = list(args[0])
            attach_m2m_keys(page, {"mechanisms": "slug", "sources": "slug"})
            args = (page, *args[1:])
        return super().get_serializer(*args, **kwargs)

    def list(self, request, *args, **kwargs):
        def related(ids):
            return {
                name: m2m_keys(Reference, ids, name, "slug") for name in ("mechanisms", "sources")
            }

        response = json_list(self, request, related)
        return response or super().list(request, *args, **kwargs)


class ReferenceQuoteViewSet(ReadOnlyRegistryViewSet):
    """Other notes' wording of a referenced paragraph, each with the note it comes from.

    Read-only: editors add and correct them on the reference's admin page (with history).
    """

    queryset = ReferenceQuote.objects.select_related("reference__document", "source")
    serializer_class = ReferenceQuoteRowSerializer
    filterset_class = ReferenceQuoteFilterSet


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
