from django.db.models import Q
from django_filters import rest_framework as filters

from core.api.filters import (
    IntegerFilter,
    NaturalKeyFilter,
    choice_filter,
    id_filter,
    search_filter,
    slug_filter,
    text_matches,
)
from gcm.models import Objective
from mechanisms.models import Mechanism, MechanismName, Meeting, Organization, Region
from surveys.models import Response, Survey


class SubmittedToFilter(NaturalKeyFilter):
    """Mechanisms that submitted a response to the survey(s): a draft does not count."""

    def filter(self, qs, value):
        if not value:
            return qs
        submitted = Response.objects.submitted().filter(survey__in=value)
        return qs.filter(pk__in=submitted.values("mechanism_id"))


class RegionFilterSet(filters.FilterSet):
    search = search_filter()
    ordering = filters.OrderingFilter(fields=["position", "name", "slug"])

    class Meta:
        model = Region
        fields = []

    def filter_search(self, queryset, name, value):
        fields = ["slug", "name", "planned_consultations"]
        return queryset.filter(
            pk__in=text_matches(Region.objects.all(), value, fields).values("pk")
        )


class OrganizationFilterSet(filters.FilterSet):
    kind = choice_filter(Organization.Kind.choices)
    region = slug_filter("regions", Region.objects.all())
    region_id = id_filter("regions", Region.objects.all())
    search = search_filter()
    ordering = filters.OrderingFilter(fields=["acronym", "name", "slug", "kind"])

    class Meta:
        model = Organization
        fields = []

    def filter_search(self, queryset, name, value):
        fields = ["slug", "acronym", "name", "description"]
        matches = text_matches(Organization.objects.all(), value, fields)
        return queryset.filter(pk__in=matches.values("pk"))


class MechanismFilterSet(filters.FilterSet):
    kind = choice_filter(Mechanism.Kind.choices, not_stated=True)
    status = choice_filter(Mechanism.Status.choices, not_stated=True)
    region = slug_filter("regions", Region.objects.all())
    region_id = id_filter("regions", Region.objects.all())
    objective = slug_filter(
        "objective_links__objective", Objective.objects.all(), to_field_name="number"
    )
    objective_id = id_filter("objective_links__objective", Objective.objects.all())
    secretariat_organization = slug_filter("secretariat_organization", Organization.objects.all())
    partner = slug_filter("partners", Organization.objects.all())
    meeting = slug_filter("participations__meeting", Meeting.objects.all(), to_field_name="number")
    survey = SubmittedToFilter(
        field_name="responses__survey",
        queryset=Survey.objects.all(),
        to_field_name="slug",
        label="Submitted a response to survey",
    )
    search = search_filter()
    ordering = filters.OrderingFilter(
        fields=["name", "slug", "acronym", "kind", "status", "year_established"]
    )

    class Meta:
        model = Mechanism
        fields = []

    def filter_search(self, queryset, name, value):
        """Matches the mechanism's own fields or any of its other names."""
        own = text_matches(
            Mechanism.objects.all(),
            value,
            ["slug", "acronym", "name", "region_label", "secretariat", "description"],
        )
        other_names = text_matches(MechanismName.objects.all(), value, ["name", "acronym"])
        return queryset.filter(
            Q(pk__in=own.values("pk")) | Q(pk__in=other_names.values("mechanism"))
        )


class MeetingFilterSet(filters.FilterSet):
    year = IntegerFilter()
    mechanism = slug_filter("participants", Mechanism.objects.all())
    search = search_filter()
    ordering = filters.OrderingFilter(fields=["number", "year"])

    class Meta:
        model = Meeting
        fields = []

    def filter_search(self, queryset, name, value):
        fields = ["title", "theme", "venue", "dates"]
        return queryset.filter(
            pk__in=text_matches(Meeting.objects.all(), value, fields).values("pk")
        )
