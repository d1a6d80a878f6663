from django.db.models import Q
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.api.filters import (
    IntegerFilter,
    NaturalKeyFilter,
    search_filter,
    slug_filter,
    text_matches,
)
from countries.models import Country
from events.models import Event, EventKind, Person, PublicRole, PublicRoleKind, Session
from mechanisms.models import Mechanism


class EventFilterSet(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=EventKind.choices)
    mechanism = NaturalKeyFilter(
        queryset=Mechanism.objects.all(),
        to_field_name="slug",
        method="filter_mechanism",
        label="Mechanisms taking part (a GRCP event's: its meeting's participants).",
    )
    country = NaturalKeyFilter(
        queryset=Country.objects.all(),
        to_field_name="code",
        method="filter_country",
        label="States where it took place, that hosted, organised or moderated it (ISO code).",
    )
    year = IntegerFilter(method="filter_year")
    search = search_filter()
    ordering = filters.OrderingFilter(fields=["start_date", "year", "slug"])

    class Meta:
        model = Event
        fields = []

    @extend_schema_field(OpenApiTypes.STR)  # a mechanism slug; repeat for OR
    def filter_mechanism(self, queryset, name, value):
        if not value:
            return queryset
        found = Q(mechanism_links__mechanism__in=value) | Q(
            meeting__participations__mechanism__in=value
        )
        return queryset.filter(pk__in=Event.objects.filter(found).values("pk"))

    @extend_schema_field(OpenApiTypes.STR)  # an ISO 3166 code; repeat for OR
    def filter_country(self, queryset, name, value):
        if not value:
            return queryset
        found = (
            Q(place_country__in=value)
            | Q(host_country__in=value)
            | Q(moderator_country__in=value)
            | Q(organiser_countries__in=value)
        )
        return queryset.filter(pk__in=Event.objects.filter(found).values("pk"))

    def filter_year(self, queryset, name, value):
        if not 1 <= value <= 9999:  # no date has such a year (a 500 from the fuzz before)
            return queryset.none()
        return queryset.filter(Q(year=value) | Q(start_date__year=value) | Q(meeting__year=value))

    def filter_search(self, queryset, name, value):
        fields = ["slug", "title", "place", "host", "organisers", "moderator", "description"]
        return queryset.filter(pk__in=text_matches(Event.objects.all(), value, fields).values("pk"))


class SessionFilterSet(filters.FilterSet):
    event = slug_filter("event", Event.objects.all())
    mechanism = slug_filter("mechanisms", Mechanism.objects.all())

    class Meta:
        model = Session
        fields = []


class PersonFilterSet(filters.FilterSet):
    event = slug_filter("roles__event", Event.objects.all())
    mechanism = slug_filter("roles__mechanism", Mechanism.objects.all())
    search = search_filter()

    class Meta:
        model = Person
        fields = []

    def filter_search(self, queryset, name, value):
        own = text_matches(Person.objects.all(), value, ["slug", "name"])
        printed = text_matches(PublicRole.objects.all(), value, ["name_as_printed", "position"])
        return queryset.filter(Q(pk__in=own.values("pk")) | Q(pk__in=printed.values("person")))


class PublicRoleFilterSet(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=PublicRoleKind.choices)
    person = slug_filter("person", Person.objects.all())
    event = slug_filter("event", Event.objects.all())
    mechanism = slug_filter("mechanism", Mechanism.objects.all())
    country = slug_filter("country", Country.objects.all(), to_field_name="code")
    search = search_filter()

    class Meta:
        model = PublicRole
        fields = []

    def filter_search(self, queryset, name, value):
        fields = ["name_as_printed", "position", "organisation", "printed"]
        return queryset.filter(
            pk__in=text_matches(PublicRole.objects.all(), value, fields).values("pk")
        )
