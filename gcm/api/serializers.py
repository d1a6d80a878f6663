"""GCM objectives, principles, references, entry points and stakeholder engagements."""

from rest_framework import serializers

from core.api.serializers import (
    SOURCES_HELP,
    CleanModelSerializer,
    RegistryModelSerializer,
    attached_keys,
    natural_key,
    natural_keys,
    sources_field,
)
from gcm.models import (
    EntryPoint,
    GuidingPrinciple,
    MechanismObjective,
    Objective,
    Reference,
    ReferenceQuote,
    StakeholderEngagement,
)
from mechanisms.models import Mechanism
from sources.models import Document


def _objective(**kwargs):
    return natural_key(Objective.objects.all(), key="number", **kwargs)


class ObjectiveSerializer(RegistryModelSerializer):
    sources = sources_field()

    class Meta:
        model = Objective
        fields = ["id", "number", "title", "short_title", "sources"]


class ObjectiveMechanismSerializer(RegistryModelSerializer):
    mechanism = serializers.CharField(source="mechanism.slug")

    class Meta:
        model = MechanismObjective
        fields = ["mechanism", "statement"]


class ObjectiveDetailSerializer(ObjectiveSerializer):
    mechanism_links = ObjectiveMechanismSerializer(many=True, read_only=True)

    class Meta(ObjectiveSerializer.Meta):
        fields = [*ObjectiveSerializer.Meta.fields, "mechanism_links"]


class GuidingPrincipleSerializer(RegistryModelSerializer):
    sources = sources_field()

    class Meta:
        model = GuidingPrinciple
        fields = ["id", "letter", "title", "sources"]


class ReferenceQuoteSerializer(RegistryModelSerializer):
    """Another note's wording of the reference's paragraph (read-only here; edit in admin)."""

    source = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="Slug of the IOM note whose wording this is."
    )

    class Meta:
        model = ReferenceQuote
        fields = ["source", "position", "cited_as", "text"]


class ReferenceQuoteRowSerializer(ReferenceQuoteSerializer):
    """A row of ``reference-quotes/``: the quote with its reference's natural key."""

    document = serializers.SlugRelatedField(
        source="reference.document", slug_field="slug", read_only=True
    )
    wording = serializers.CharField(source="reference.wording", read_only=True)
    paragraph = serializers.CharField(source="reference.paragraph", read_only=True)

    class Meta(ReferenceQuoteSerializer.Meta):
        fields = ["id", "document", "wording", "paragraph", *ReferenceQuoteSerializer.Meta.fields]


class ReferenceSerializer(CleanModelSerializer):
    document = natural_key(Document.objects.texts())
    mechanisms = natural_keys(Mechanism.objects.all(), required=False)
    # Read-only: in a text with objectives the paragraph alone decides it (final GCM:
    # objective n is §16+n), so a written one could only repeat or contradict it, and a
    # client that PUTs back what it read after changing the paragraph would be refused.
    objective = serializers.SlugRelatedField(
        slug_field="number",
        read_only=True,
        allow_null=True,
        help_text="The objective the paragraph states (final GCM: objective n is §16+n).",
    )
    sources = sources_field()
    quotes = ReferenceQuoteSerializer(
        many=True,
        read_only=True,
        help_text="Other notes' wording of this paragraph, each with its note (``quote`` is "
        "the wording of the note whose annex lists the reference).",
    )

    class Meta:
        model = Reference
        fields = [
            "id",
            "document",
            "paragraph",
            "wording",
            "group",
            "heading",
            "quote",
            "note",
            "mechanisms",
            "objective",
            "sources",
            "quotes",
        ]
        derived_fields = ["paragraph_number", "objective"]

    def validate(self, attrs):
        # In a text with objectives, forget the stored objective so clean() derives it from
        # the (possibly new) paragraph; elsewhere clean() keeps what the admin set.
        document = attrs.get("document", getattr(self.instance, "document", None))
        if document is not None and document.objective_paragraph_offset is not None:
            attrs["objective"] = None
        return super().validate(attrs)


class ReferenceListSerializer(ReferenceSerializer):
    """The same rows for the list, reading keys ``attach_m2m_keys`` set (no prefetch)."""

    mechanisms = attached_keys("mechanisms")
    sources = attached_keys("sources", help_text=SOURCES_HELP)

    class Meta(ReferenceSerializer.Meta):
        # Lists stay lean: other notes' quotes are on the detail and in reference-quotes/.
        fields = [f for f in ReferenceSerializer.Meta.fields if f != "quotes"]


class EntryPointSerializer(RegistryModelSerializer):
    document = natural_key(Document.objects.texts())
    objective = _objective()
    sources = sources_field()

    class Meta:
        model = EntryPoint
        fields = [
            "id",
            "document",
            "objective",
            "level",
            "objective_label",
            "action",
            "engagement",
            "sources",
        ]


class StakeholderEngagementSerializer(RegistryModelSerializer):
    document = natural_key(Document.objects.texts())
    objectives = natural_keys(Objective.objects.all(), key="number")
    sources = sources_field()

    class Meta:
        model = StakeholderEngagement
        fields = ["id", "document", "group", "label", "statement", "objectives", "sources"]
