"""States and memberships, relations by natural key (ISO code, slug)."""

from rest_framework import serializers

from core.api.serializers import RegistryModelSerializer, sources_field
from countries.models import Country, Membership, MembershipFigure


class CountryMembershipSerializer(RegistryModelSerializer):
    mechanism = serializers.CharField(source="mechanism.slug")

    class Meta:
        model = Membership
        fields = ["mechanism", "role", "period", "year"]


class CountrySerializer(RegistryModelSerializer):
    code = serializers.CharField(help_text="ISO 3166-1 alpha-2 code.")
    name = serializers.CharField(help_text="ISO 3166 name (English).")
    name_fr = serializers.SerializerMethodField(help_text="ISO 3166 name in French.")
    name_es = serializers.SerializerMethodField(help_text="ISO 3166 name in Spanish.")
    memberships = CountryMembershipSerializer(many=True, read_only=True)
    sources = sources_field()

    class Meta:
        model = Country
        fields = [
            "id",
            "code",
            "name",
            "name_fr",
            "name_es",
            "printed_names",
            "memberships",
            "sources",
        ]

    def get_name_fr(self, country) -> str:
        return country.name_in("fr")

    def get_name_es(self, country) -> str:
        return country.name_in("es")


class MembershipSerializer(RegistryModelSerializer):
    country = serializers.CharField(source="country.code.code")
    mechanism = serializers.CharField(source="mechanism.slug")
    sources = sources_field()

    class Meta:
        model = Membership
        fields = [
            "id",
            "country",
            "mechanism",
            "role",
            "period",
            "year",
            "quote",
            "note",
            "sources",
        ]


class MembershipFigureSerializer(RegistryModelSerializer):
    mechanism = serializers.CharField(source="mechanism.slug")
    sources = sources_field()

    class Meta:
        model = MembershipFigure
        fields = [
            "id",
            "mechanism",
            "slug",
            "role",
            "value",
            "approximate",
            "counted",
            "scope",
            "quote",
            "sources",
        ]
