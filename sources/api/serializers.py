from core.api.serializers import RegistryModelSerializer, sources_field
from sources.models import Document


class DocumentSerializer(RegistryModelSerializer):
    sources = sources_field()

    class Meta:
        model = Document
        fields = [
            "id",
            "slug",
            "symbol",
            "title",
            "short_title",
            "kind",
            "date",
            "date_note",
            "description",
            "objective_paragraph_offset",
            "sources",
        ]


class SourceSerializer(RegistryModelSerializer):
    """An IOM note: the provenance every seeded record cites."""

    class Meta:
        model = Document
        fields = [
            "slug",
            "symbol",
            "title",
            "short_title",
            "date",
            "date_note",
            "seed_file",
            "description",
        ]
