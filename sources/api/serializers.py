from django.utils.translation import gettext as _
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
                message = (
                    _(
                        "This document is an IOM note and stays one (records cite it as "
                        "such); create a new document instead."
                    )
                    if was_note
                    else _(
                        "This document is a UN text and stays one (records cite it as such); "
                        "create a new document instead."
                    )
                )
                raise serializers.ValidationError(message, code="conflict")
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
