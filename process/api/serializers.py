from rest_framework import serializers

from core.api.serializers import RegistryModelSerializer, sources_field
from process.models import Phase, ThematicSession


class ThematicSessionSerializer(RegistryModelSerializer):
    phase = serializers.CharField(source="phase.slug", allow_null=True, read_only=True)
    sources = sources_field()

    class Meta:
        model = ThematicSession
        fields = ["id", "number", "label", "title", "phase", "sources"]


class PhaseSerializer(RegistryModelSerializer):
    thematic_sessions = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    sources = sources_field()

    class Meta:
        model = Phase
        fields = [
            "id",
            "slug",
            "stage",
            "number",
            "position",
            "name",
            "start_year",
            "start_month",
            "end_year",
            "end_month",
            "period_text",
            "quote",
            "thematic_sessions",
            "sources",
        ]
