from collections import defaultdict

from django.db.models import Prefetch

from core.api.keys import json_list, m2m_keys
from core.api.views import RegistryViewSet
from gcm.models import MechanismObjective, Reference
from mechanisms.api.serializers import (
    MechanismDetailSerializer,
    MechanismListSerializer,
    MeetingSerializer,
    OrganizationSerializer,
    RegionSerializer,
    _aliases,
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
from surveys.models import Response
from surveys.visibility import visible_responses

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


def list_keys(ids: list[int]) -> dict[str, dict[int, list]]:
    """What a list row shows of related rows, per mechanism id, in four queries for the
    whole page: region and source slugs, (name, acronym) pairs and objective numbers.

    Prefetching builds a model instance per related row (most of a list request's time at
    scale); the list shows only their keys. Orders are the related models' own orderings,
    as a prefetch gives them.
    """
    return {
        "regions": m2m_keys(Mechanism, ids, "regions", "slug"),
        "sources": m2m_keys(Mechanism, ids, "sources", "slug"),
        "names": _grouped(
            MechanismName.objects.filter(mechanism_id__in=ids).values_list(
                "mechanism_id", "name", "acronym"
            )
        ),
        "objectives": _grouped(
            MechanismObjective.objects.filter(mechanism_id__in=ids).values_list(
                "mechanism_id", "objective__number"
            )
        ),
    }


def _grouped(rows) -> dict[int, list]:
    """``{first column: [rest of the row, ...]}``; the rest is one value if it is one column."""
    found = defaultdict(list)
    for owner, *rest in rows:
        found[owner].append(rest[0] if len(rest) == 1 else tuple(rest))
    return found


def attach_list_keys(mechanisms: list[Mechanism]) -> None:
    """Set what ``MechanismListSerializer`` reads (see ``list_keys``)."""
    keys = list_keys([m.pk for m in mechanisms])
    for mechanism in mechanisms:
        mechanism.regions_keys = keys["regions"][mechanism.pk]
        mechanism.sources_keys = keys["sources"][mechanism.pk]
        mechanism.name_pairs = keys["names"][mechanism.pk]
        mechanism.objective_numbers = keys["objectives"][mechanism.pk]


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

    def list(self, request, *args, **kwargs):
        def related(ids):
            keys = list_keys(ids)
            return {
                "regions": keys["regions"],
                "sources": keys["sources"],
                "aliases": {pk: _aliases(keys["names"][pk]) for pk in ids},
                "objectives": {pk: sorted(keys["objectives"][pk]) for pk in ids},
            }

        response = json_list(self, request, related)
        return response or super().list(request, *args, **kwargs)

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
            # A draft is listed only to its secretariat and staff.
            Prefetch(
                "responses",
                queryset=Response.objects.filter(
                    visible_responses(self.request.user)
                ).select_related("survey"),
            ),
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

    def perform_create(self, serializer):
        from events.services import event_for_meeting  # events sits above mechanisms

        event_for_meeting(meeting=serializer.save())
