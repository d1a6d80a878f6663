"""Statements and definitions, relations by natural key."""

from rest_framework import serializers

from core.api.serializers import RegistryModelSerializer, sources_field
from statements.models import Definition, Statement


def _key(source):
    return serializers.CharField(source=source, allow_null=True, read_only=True)


def _keys(key="slug"):
    """A to-many relation shown as the related records' natural keys."""
    return serializers.SlugRelatedField(slug_field=key, many=True, read_only=True)


class StatementSerializer(RegistryModelSerializer):
    document = _key("document.slug")
    event = _key("event.slug")
    session = _key("session.slug")
    speaker = _key("speaker.slug")
    restates = _key("restates.slug")
    objectives = _keys(key="number")
    mechanisms = _keys()
    organizations = _keys()
    countries = serializers.SerializerMethodField(help_text="ISO codes of the States it names.")
    sources = sources_field()

    class Meta:
        model = Statement
        fields = [
            "id",
            "slug",
            "kind",
            "text",
            "document",
            "place",
            "position",
            "event",
            "session",
            "speaker",
            "objectives",
            "mechanisms",
            "organizations",
            "countries",
            "actors",
            "restates",
            "sources",
        ]

    def get_countries(self, statement) -> list[str]:
        return [str(c.code) for c in statement.countries.all()]


class DefinitionSerializer(RegistryModelSerializer):
    document = _key("document.slug")
    sources = sources_field()

    class Meta:
        model = Definition
        fields = [
            "id",
            "slug",
            "term",
            "abbreviation",
            "term_key",
            "text",
            "document",
            "place",
            "sources",
        ]
