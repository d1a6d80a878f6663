from django.db.models import Q
from django_filters import rest_framework as filters

from core.api.filters import choice_filter, id_filter, search_filter, slug_filter, text_matches
from gcm.models import (
    EntryPoint,
    GuidingPrinciple,
    Objective,
    Reference,
    ReferenceQuote,
    StakeholderEngagement,
    paragraph_validator,
)
from mechanisms.models import Mechanism
from sources.models import Document


def _objective(field_name="objective"):
    return slug_filter(field_name, Objective.objects.all(), to_field_name="number")


class ObjectiveFilterSet(filters.FilterSet):
    mechanism = slug_filter("mechanism_links__mechanism", Mechanism.objects.all())
    search = search_filter()
    ordering = filters.OrderingFilter(fields=["number", "title"])

    class Meta:
        model = Objective
        fields = []

    def filter_search(self, queryset, name, value):
        matches = text_matches(Objective.objects.all(), value, ["title", "short_title"])
        return queryset.filter(pk__in=matches.values("pk"))


class GuidingPrincipleFilterSet(filters.FilterSet):
    search = search_filter()
    ordering = filters.OrderingFilter(fields=["letter", "title"])

    class Meta:
        model = GuidingPrinciple
        fields = []

    def filter_search(self, queryset, name, value):
        matches = text_matches(GuidingPrinciple.objects.all(), value, ["title"])
        return queryset.filter(pk__in=matches.values("pk"))


class ReferenceFilterSet(filters.FilterSet):
    document = slug_filter("document", Document.objects.all())
    document_id = id_filter("document", Document.objects.all())
    paragraph = filters.CharFilter(
        max_length=Reference._meta.get_field("paragraph").max_length,
        validators=[paragraph_validator],
        label="Paragraph as the text numbers it, e.g. 49a; a bare number (47) also "
        "matches its lettered sub-paragraphs (47a, 47b).",
        method="filter_paragraph",
    )
    group = choice_filter(Reference.Group.choices)
    mechanism = slug_filter("mechanisms", Mechanism.objects.all())
    mechanism_id = id_filter("mechanisms", Mechanism.objects.all())
    objective = _objective()
    objective_id = id_filter("objective", Objective.objects.all())
    search = search_filter()
    ordering = filters.OrderingFilter(
        fields=[("paragraph_number", "paragraph"), "wording", "group", "document__slug", "id"]
    )

    class Meta:
        model = Reference
        fields = []

    def filter_paragraph(self, queryset, name, value):
        if value.isdigit():
            return queryset.filter(Q(paragraph=value) | Q(paragraph_number=int(value)))
        return queryset.filter(paragraph=value)

    def filter_search(self, queryset, name, value):
        fields = ["wording", "heading", "quote", "note"]
        return queryset.filter(
            pk__in=text_matches(Reference.objects.all(), value, fields).values("pk")
        )


class ReferenceQuoteFilterSet(filters.FilterSet):
    document = slug_filter("reference__document", Document.objects.all())
    paragraph = filters.CharFilter(
        field_name="reference__paragraph",
        max_length=Reference._meta.get_field("paragraph").max_length,
        validators=[paragraph_validator],
        label="Paragraph of the reference, exactly as the text numbers it, e.g. 50 or 49a.",
    )
    source = slug_filter("source", Document.objects.notes())
    ordering = filters.OrderingFilter(fields=["reference__paragraph_number", "position", "id"])

    class Meta:
        model = ReferenceQuote
        fields = []


class EntryPointFilterSet(filters.FilterSet):
    document = slug_filter("document", Document.objects.all())
    document_id = id_filter("document", Document.objects.all())
    objective = _objective()
    objective_id = id_filter("objective", Objective.objects.all())
    level = choice_filter(EntryPoint.Level.choices)
    search = search_filter()
    ordering = filters.OrderingFilter(fields=[("objective__number", "objective"), "level", "id"])

    class Meta:
        model = EntryPoint
        fields = []

    def filter_search(self, queryset, name, value):
        fields = ["objective_label", "action", "engagement"]
        return queryset.filter(
            pk__in=text_matches(EntryPoint.objects.all(), value, fields).values("pk")
        )


class StakeholderEngagementFilterSet(filters.FilterSet):
    document = slug_filter("document", Document.objects.all())
    group = choice_filter(StakeholderEngagement.Group.choices)
    objective = _objective("objectives")
    ordering = filters.OrderingFilter(fields=["group", "id"])

    class Meta:
        model = StakeholderEngagement
        fields = []
