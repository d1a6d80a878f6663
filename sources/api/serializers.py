from rest_framework import serializers

from core.api.serializers import RegistryModelSerializer, sources_field
from sources.models import Document


class DocumentSerializer(RegistryModelSerializer):
    sources = sources_field()

    def validate_kind(self, kind):
        # Records cite IOM notes as their sources and point into UN texts: a document that
        # crossed that line would leave them citing the wrong kind of thing.
        if self.instance is not None:
            was_note = self.instance.kind == Document.Kind.IOM_NOTE
            if was_note != (kind == Document.Kind.IOM_NOTE):
                what = "an IOM note" if was_note else "a UN text"
                raise serializers.ValidationError(
                    f"This document is {what} and stays one (records cite it as such); "
                    "create a new document instead.",
                    code="conflict",
                )
        return kind

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
            "url",
            "objective_paragraph_offset",
            "sources",
        ]


class SourceSerializer(RegistryModelSerializer):
    """An IOM note: the provenance every seeded record cites."""

    class Meta:
        model = Document
        fields = [
            "id",
            "slug",
            "symbol",
            "title",
            "short_title",
            "date",
            "date_note",
            "seed_file",
            "description",
            "url",
        ]
