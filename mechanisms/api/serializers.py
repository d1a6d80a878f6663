"""Mechanisms, regions, organizations and GRCP meetings, relations by natural key."""

from rest_framework import serializers

from core.api.serializers import (
    SOURCES_HELP,
    RegistryModelSerializer,
    attached_keys,
    natural_key,
    natural_keys,
    sources_field,
)
from core.models import translated
from gcm.models import MechanismObjective, Reference
from mechanisms.models import (
    Mechanism,
    MechanismName,
    Meeting,
    Organization,
    Participation,
    Region,
)
from surveys.models import Response


class RegionSerializer(RegistryModelSerializer):
    sources = sources_field()
    organizations = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Region
        fields = [
            "id",
            "slug",
            "name",
            "position",
            "planned_consultations",
            "un_rc_cooperation",
            "knowledge_products",
            "organizations",
            "sources",
        ]


class OrganizationSerializer(RegistryModelSerializer):
    regions = natural_keys(Region.objects.all(), required=False)
    sources = sources_field()

    class Meta:
        model = Organization
        fields = ["id", "slug", "acronym", "name", "kind", "regions", "description", "sources"]


class MechanismSerializer(RegistryModelSerializer):
    """The lean row of a list: what an analyst joins on and filters by."""

    regions = natural_keys(Region.objects.all(), required=False)
    aliases = serializers.SerializerMethodField(
        help_text="Other names and acronyms, former and alternative."
    )
    secretariat_organization = natural_key(
        Organization.objects.all(), required=False, allow_null=True
    )
    objectives = serializers.SerializerMethodField(
        help_text="Numbers of the GCM objectives a note ties the mechanism's work to."
    )
    sources = sources_field()

    class Meta:
        model = Mechanism
        fields = [
            "id",
            "slug",
            "acronym",
            "name",
            "kind",
            "status",
            "regions",
            "region_label",
            "aliases",
            "secretariat",
            "secretariat_organization",
            "objectives",
            "year_established",
            "website",
            "sources",
        ]

    def get_aliases(self, mechanism) -> list[str]:
        # Reads the prefetched names; the detail prefetches them.
        return _aliases((other.name, other.acronym) for other in mechanism.names.all())

    def get_objectives(self, mechanism) -> list[int]:
        return sorted(link.objective.number for link in mechanism.objective_links.all())


def _aliases(pairs) -> list[str]:
    aliases = []
    for pair in pairs:
        aliases.extend(a for a in pair if a and a not in aliases)
    return aliases


class MechanismListSerializer(MechanismSerializer):
    """The same row, read from the plain keys ``attach_list_keys`` sets (list only)."""

    regions = attached_keys("regions")
    sources = attached_keys("sources", help_text=SOURCES_HELP)

    def get_aliases(self, mechanism) -> list[str]:
        return _aliases(mechanism.name_pairs)

    def get_objectives(self, mechanism) -> list[int]:
        return sorted(mechanism.objective_numbers)


class MechanismNameSerializer(RegistryModelSerializer):
    sources = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = MechanismName
        fields = ["name", "acronym", "kind", "note", "sources"]


class ObjectiveLinkSerializer(RegistryModelSerializer):
    objective = serializers.IntegerField(source="objective.number")
    # The objective's title in the API's language where an editor translated it (core.i18n).
    title = serializers.SerializerMethodField()
    sources = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = MechanismObjective
        fields = ["objective", "title", "statement", "sources"]

    def get_title(self, link) -> str:
        return translated(link.objective, "title")[0]


class NamingReferenceSerializer(RegistryModelSerializer):
    document = serializers.CharField(source="document.slug")
    objective = serializers.IntegerField(source="objective.number", allow_null=True)

    class Meta:
        model = Reference
        fields = ["id", "document", "paragraph", "wording", "group", "objective"]


class MechanismResponseSerializer(RegistryModelSerializer):
    survey = serializers.CharField(source="survey.slug")

    class Meta:
        model = Response
        fields = ["id", "survey", "status", "submitted_at"]


class ParticipationSerializer(RegistryModelSerializer):
    meeting = serializers.IntegerField(source="meeting.number")
    year = serializers.IntegerField(source="meeting.year", allow_null=True)

    class Meta:
        model = Participation
        fields = ["meeting", "year", "role"]


class MechanismDetailSerializer(MechanismSerializer):
    """One mechanism with everything the registry knows about it."""

    partners = natural_keys(Organization.objects.all(), required=False)
    names = MechanismNameSerializer(many=True, read_only=True)
    objective_links = ObjectiveLinkSerializer(many=True, read_only=True)
    references = NamingReferenceSerializer(many=True, read_only=True)
    responses = MechanismResponseSerializer(many=True, read_only=True)
    participations = ParticipationSerializer(many=True, read_only=True)

    class Meta(MechanismSerializer.Meta):
        fields = [
            *MechanismSerializer.Meta.fields,
            "description",
            "partners",
            "names",
            "objective_links",
            "references",
            "responses",
            "participations",
        ]


class MeetingParticipantSerializer(RegistryModelSerializer):
    mechanism = serializers.CharField(source="mechanism.slug")

    class Meta:
        model = Participation
        fields = ["mechanism", "role"]


class MeetingSerializer(RegistryModelSerializer):
    participations = MeetingParticipantSerializer(many=True, read_only=True)
    sources = sources_field()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "number",
            "year",
            "title",
            "theme",
            "venue",
            "dates",
            "host",
            "report_title",
            "website",
            "participations",
            "sources",
        ]
