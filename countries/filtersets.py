from django.db.models import Q
from django_countries import countries
from django_filters import rest_framework as filters

from core.api.filters import search_filter, slug_filter
from countries.models import Country, Membership, MembershipFigure, MembershipRole
from mechanisms.models import Mechanism


class CountryFilterSet(filters.FilterSet):
    mechanism = slug_filter("memberships__mechanism", Mechanism.objects.all())
    role = filters.ChoiceFilter(
        field_name="memberships__role", choices=MembershipRole.choices, distinct=True
    )
    search = search_filter()
    ordering = filters.OrderingFilter(fields=["code"])

    class Meta:
        model = Country
        fields = []

    def filter_search(self, queryset, name, value):
        """Matches the code, the ISO name (English) or a spelling the notes print."""
        codes = [code for code, label in countries if value.lower() in label.lower()]
        return queryset.filter(
            Q(code__iexact=value) | Q(code__in=codes) | Q(printed_names__icontains=value)
        )


class MembershipFilterSet(filters.FilterSet):
    country = slug_filter("country", Country.objects.all(), to_field_name="code")
    mechanism = slug_filter("mechanism", Mechanism.objects.all())
    role = filters.ChoiceFilter(choices=MembershipRole.choices)
    ordering = filters.OrderingFilter(fields=["role", "year"])

    class Meta:
        model = Membership
        fields = []


class MembershipFigureFilterSet(filters.FilterSet):
    mechanism = slug_filter("mechanism", Mechanism.objects.all())

    class Meta:
        model = MembershipFigure
        fields = []
