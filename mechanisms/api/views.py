from collections import defaultdict

from django.db.models import Prefetch

from core.api.views import RegistryViewSet
from gcm.models import MechanismObjective, Reference
from mechanisms.api.serializers import (
    MechanismDetailSerializer,
    MechanismListSerializer,
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


def attach_list_keys(mechanisms: list[Mechanism]) -> None:
    """Set what ``MechanismListSerializer`` reads: region and source slugs, aliases and
    objective numbers, as plain values in four queries for the whole page.

    Prefetching builds a model instance per related row (most of a list request's time at
    scale); the list shows only their keys. Orders are the related models' own orderings,
    as a prefetch gives them.
    """
    ids = [m.pk for m in mechanisms]
    regions, sources = defaultdict(list), defaultdict(list)
    names, objectives = defaultdict(list), defaultdict(list)
    for mechanism_id, slug in (
        Mechanism.regions.through.objects.filter(mechanism_id__in=ids)
        .order_by(*(f"region__{f}" for f in Region._meta.ordering))
        .values_list("mechanism_id", "region__slug")
    ):
        regions[mechanism_id].append(slug)
    for mechanism_id, slug in (
        Mechanism.sources.through.objects.filter(mechanism_id__in=ids)
        .order_by(*(f"document__{f}" for f in Document._meta.ordering))
        .values_list("mechanism_id", "document__slug")
    ):
        sources[mechanism_id].append(slug)
    for mechanism_id, name, acronym in MechanismName.objects.filter(
        mechanism_id__in=ids
    ).values_list("mechanism_id", "name", "acronym"):
        names[mechanism_id].append((name, acronym))
    for mechanism_id, number in MechanismObjective.objects.filter(mechanism_id__in=ids).values_list(
        "mechanism_id", "objective__number"
    ):
        objectives[mechanism_id].append(number)
    for mechanism in mechanisms:
        mechanism.region_slugs = regions[mechanism.pk]
        mechanism.source_slugs = sources[mechanism.pk]
        mechanism.name_pairs = names[mechanism.pk]
        mechanism.objective_numbers = objectives[mechanism.pk]


class MechanismViewSet(RegistryViewSet):
    """ISCMs: a lean list; the detail adds names, partners, links, references, responses."""

    # The list reads related rows as plain natural keys (see ``attach_list_keys``).
    queryset = Mechanism.objects.select_related("secretariat_organization")
    filterset_class = MechanismFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG

    def get_serializer_class(self):
        return MechanismListSerializer if self.action == "list" else MechanismDetailSerializer

    def get_serializer(self, *args, **kwargs):
        if self.action == "list" and args:
            page = list(args[0])
            attach_list_keys(page)
            args = (page, *args[1:])
        return super().get_serializer(*args, **kwargs)

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
