from django.db.models import Prefetch

from core.api.views import ReadOnlyRegistryViewSet
from events.api.serializers import (
    EventDetailSerializer,
    EventSerializer,
    PersonDetailSerializer,
    PersonSerializer,
    PublicRoleSerializer,
    SessionSerializer,
)
from events.filtersets import EventFilterSet, PersonFilterSet, PublicRoleFilterSet, SessionFilterSet
from events.models import Event, EventDocument, EventMechanism, Person, PublicRole, Session
from mechanisms.models import Participation

SLUG = r"[-\w]+"


def _roles():
    return PublicRole.objects.select_related(
        "person", "event", "session", "mechanism", "organization", "country"
    ).prefetch_related("sources")


class EventViewSet(ReadOnlyRegistryViewSet):
    """Events the notes describe: GRCP meetings, side events, webinars, consultations,
    regional reviews, the IMRF. The detail adds sessions, published counts and documents."""

    queryset = Event.objects.select_related(
        "meeting", "place_country", "host_country", "moderator_country", "margins_of"
    ).prefetch_related(
        "sources",
        "host_organizations",
        "organiser_organizations",
        "organiser_countries",
        "documents",
        Prefetch("mechanism_links", queryset=EventMechanism.objects.select_related("mechanism")),
        Prefetch(
            "meeting__participations",
            queryset=Participation.objects.select_related("mechanism"),
        ),
    )
    filterset_class = EventFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG

    def get_serializer_class(self):
        return EventSerializer if self.action == "list" else EventDetailSerializer

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            return queryset
        return queryset.prefetch_related(
            Prefetch(
                "sessions", queryset=Session.objects.prefetch_related("mechanisms", "sources")
            ),
            "figures",
            Prefetch("event_documents", queryset=EventDocument.objects.select_related("document")),
        )


class SessionViewSet(ReadOnlyRegistryViewSet):
    """Sessions of events: time, interpretation languages, mechanisms listed."""

    queryset = Session.objects.select_related("event").prefetch_related("mechanisms", "sources")
    serializer_class = SessionSerializer
    filterset_class = SessionFilterSet


class PersonViewSet(ReadOnlyRegistryViewSet):
    """People the notes name in public roles; the detail lists their roles."""

    queryset = Person.objects.prefetch_related("sources")
    filterset_class = PersonFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG

    def get_serializer_class(self):
        return PersonSerializer if self.action == "list" else PersonDetailSerializer

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            return queryset
        return queryset.prefetch_related(Prefetch("roles", queryset=_roles()))


class PublicRoleViewSet(ReadOnlyRegistryViewSet):
    """A person's role at an event or session, or for a mechanism, as a note prints it."""

    queryset = _roles()
    serializer_class = PublicRoleSerializer
    filterset_class = PublicRoleFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG
