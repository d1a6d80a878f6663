from django.db.models import Prefetch

from core.api.views import RegistryViewSet
from gcm.models import MechanismObjective, Reference
from mechanisms.api.serializers import (
    MechanismDetailSerializer,
    MechanismSerializer,
    MeetingSerializer,
    OrganizationSerializer,
    RegionSerializer,
)
from mechanisms.filtersets import (
    MechanismFilterSet,
    MeetingFilterSet,
    OrganizationFilterSet,
    RegionFilterSet,
)
from mechanisms.models import (
    Mechanism,
    MechanismName,
    Meeting,
    Organization,
    Participation,
    Region,
)
from sources.models import Document
from surveys.models import Response

SLUG = r"[-\w]+"
NUMBER = r"[0-9]{1,5}"


def _participations():
    return Participation.objects.select_related("meeting")


class RegionViewSet(RegistryViewSet):
    queryset = Region.objects.prefetch_related("sources", "organizations")
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG


class OrganizationViewSet(RegistryViewSet):
    queryset = Organization.objects.prefetch_related("sources", "regions")
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG


class MechanismViewSet(RegistryViewSet):
    """ISCMs: a lean list; the detail adds names, partners, links, references, responses."""

    # The list reads only natural keys of the related rows: load just those columns, so a
    # page of 50 does not build hundreds of full model instances.
    queryset = Mechanism.objects.select_related("secretariat_organization").prefetch_related(
        Prefetch("regions", queryset=Region.objects.only("slug")),
        Prefetch("sources", queryset=Document.objects.only("slug")),
        Prefetch("names", queryset=MechanismName.objects.only("mechanism_id", "name", "acronym")),
        Prefetch(
            "objective_links",
            queryset=MechanismObjective.objects.select_related("objective").only(
                "mechanism_id", "objective__number"
            ),
        ),
    )
    filterset_class = MechanismFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG

    def get_serializer_class(self):
        return MechanismSerializer if self.action == "list" else MechanismDetailSerializer

    def get_queryset(self):
        if self.action == "list":
            return super().get_queryset()
        return Mechanism.objects.select_related("secretariat_organization").prefetch_related(
            "regions",
            "sources",
            "partners",
            Prefetch("names", queryset=MechanismName.objects.prefetch_related("sources")),
            Prefetch(
                "objective_links",
                queryset=MechanismObjective.objects.select_related("objective").prefetch_related(
                    "sources"
                ),
            ),
            Prefetch(
                "references", queryset=Reference.objects.select_related("document", "objective")
            ),
            Prefetch("responses", queryset=Response.objects.select_related("survey")),
            Prefetch("participations", queryset=_participations()),
        )


class MeetingViewSet(RegistryViewSet):
    """GRCP meetings (Global Meetings of Chairs and Secretariats of ISCMs)."""

    queryset = Meeting.objects.prefetch_related(
        "sources",
        Prefetch("participations", queryset=_participations().select_related("mechanism")),
    )
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet
    lookup_field = "number"
    lookup_value_regex = NUMBER
