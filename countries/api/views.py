from django.db.models import Prefetch

from core.api.views import ReadOnlyRegistryViewSet
from countries.api.serializers import (
    CountrySerializer,
    MembershipFigureSerializer,
    MembershipSerializer,
)
from countries.filtersets import CountryFilterSet, MembershipFigureFilterSet, MembershipFilterSet
from countries.models import Country, Membership, MembershipFigure


class CountryViewSet(ReadOnlyRegistryViewSet):
    """States (ISO 3166) the notes name, with their roles in mechanisms; by ISO code."""

    queryset = Country.objects.prefetch_related(
        "sources",
        Prefetch("memberships", queryset=Membership.objects.select_related("mechanism")),
    )
    serializer_class = CountrySerializer
    filterset_class = CountryFilterSet
    lookup_field = "code"
    lookup_value_regex = r"[A-Z]{2}"


class MembershipViewSet(ReadOnlyRegistryViewSet):
    """A State's role in a mechanism (member, chair, co-chair, ...), with the note's words."""

    queryset = Membership.objects.select_related("country", "mechanism").prefetch_related("sources")
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilterSet


class MembershipFigureViewSet(ReadOnlyRegistryViewSet):
    """Published sizes of a membership where a note names no States ("50 States")."""

    queryset = MembershipFigure.objects.select_related("mechanism").prefetch_related("sources")
    serializer_class = MembershipFigureSerializer
    filterset_class = MembershipFigureFilterSet
