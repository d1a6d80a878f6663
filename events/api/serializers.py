"""Events, sessions, people and their roles, relations by natural key."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.serializers import RegistryModelSerializer, sources_field
from events.models import (
    Event,
    EventDocument,
    EventFigure,
    Person,
    PublicRole,
    Session,
)


def _key(source, **kwargs):
    return serializers.CharField(source=source, allow_null=True, read_only=True, **kwargs)


def _keys(key="slug"):
    """A to-many relation shown as the related records' natural keys."""
    return serializers.SlugRelatedField(slug_field=key, many=True, read_only=True)


# A local clock time as the agenda prints it, in the session's own time_zone: no UTC offset,
# which JSON Schema's "format: time" (RFC 3339) would require.
_LOCAL_TIME = {"type": "string", "pattern": r"^\d{2}:\d{2}:\d{2}$", "nullable": True}


@extend_schema_field(_LOCAL_TIME)
class LocalTimeField(serializers.TimeField):
    pass


class SessionSerializer(RegistryModelSerializer):
    event = serializers.CharField(source="event.slug", read_only=True)
    start_time = LocalTimeField(read_only=True, allow_null=True, help_text="Local time.")
    end_time = LocalTimeField(read_only=True, allow_null=True, help_text="Local time.")
    languages = serializers.SerializerMethodField(help_text="Interpretation languages (codes).")
    mechanisms = _keys()
    sources = sources_field()

    class Meta:
        model = Session
        fields = [
            "id",
            "event",
            "slug",
            "position",
            "title",
            "date",
            "start_time",
            "end_time",
            "time_zone",
            "languages",
            "languages_text",
            "objective",
            "mechanisms",
            "sources",
        ]

    def get_languages(self, session) -> list[str]:
        return [c for c in session.languages.split(",") if c]


class EventMechanismRowSerializer(serializers.Serializer):
    mechanism = serializers.CharField(source="mechanism.slug")
    role = serializers.CharField()


class EventFigureSerializer(RegistryModelSerializer):
    class Meta:
        model = EventFigure
        fields = ["slug", "label", "value", "quote"]


class EventDocumentSerializer(RegistryModelSerializer):
    document = _key("document.slug")

    class Meta:
        model = EventDocument
        fields = ["slug", "kind", "title", "url", "document"]


class EventSerializer(RegistryModelSerializer):
    meeting = serializers.IntegerField(
        source="meeting.number", allow_null=True, read_only=True, help_text="GRCP number."
    )
    title = serializers.CharField(source="display_title", read_only=True)
    place = serializers.CharField(source="display_place", read_only=True)
    year = serializers.IntegerField(source="display_year", allow_null=True, read_only=True)
    place_country = _key("place_country.code.code")
    host_country = _key("host_country.code.code")
    moderator_country = _key("moderator_country.code.code")
    margins_of = _key("margins_of.slug")
    host_organizations = _keys()
    organiser_organizations = _keys()
    organiser_countries = serializers.SerializerMethodField()
    documents = _keys()
    mechanisms = serializers.SerializerMethodField(
        help_text="Mechanisms taking part, with their role (a GRCP event: its meeting's)."
    )
    sources = sources_field()

    class Meta:
        model = Event
        fields = [
            "id",
            "slug",
            "kind",
            "meeting",
            "title",
            "start_date",
            "end_date",
            "year",
            "dates_text",
            "place",
            "place_country",
            "virtual",
            "platform",
            "host",
            "host_country",
            "host_organizations",
            "organisers",
            "organiser_organizations",
            "organiser_countries",
            "moderator",
            "moderator_country",
            "margins_of",
            "documents",
            "description",
            "mechanisms",
            "sources",
        ]

    def get_organiser_countries(self, event) -> list[str]:
        return [str(c.code) for c in event.organiser_countries.all()]

    def get_mechanisms(self, event) -> list[dict]:
        return [
            {"mechanism": link.mechanism.slug, "role": link.role}
            for link in event.participant_links()
        ]


class EventDetailSerializer(EventSerializer):
    sessions = SessionSerializer(many=True, read_only=True)
    figures = EventFigureSerializer(many=True, read_only=True)
    event_documents = EventDocumentSerializer(many=True, read_only=True)

    class Meta(EventSerializer.Meta):
        fields = [*EventSerializer.Meta.fields, "sessions", "figures", "event_documents"]


class PublicRoleSerializer(RegistryModelSerializer):
    person = serializers.CharField(source="person.slug", read_only=True)
    event = _key("event.slug")
    session = _key("session.slug")
    mechanism = _key("mechanism.slug")
    organization = _key("organization.slug")
    country = _key("country.code.code")
    sources = sources_field()

    class Meta:
        model = PublicRole
        fields = [
            "id",
            "slug",
            "person",
            "kind",
            "event",
            "session",
            "mechanism",
            "name_as_printed",
            "position",
            "organisation",
            "organization",
            "country",
            "printed",
            "place",
            "sources",
        ]


class PersonSerializer(RegistryModelSerializer):
    sources = sources_field()

    class Meta:
        model = Person
        fields = ["id", "slug", "name", "honorific", "sources"]


class PersonDetailSerializer(PersonSerializer):
    roles = PublicRoleSerializer(many=True, read_only=True)

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "roles"]
