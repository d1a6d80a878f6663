"""Admin for States, their places in mechanisms, and published membership sizes."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ImportExportRegistryAdmin, RegistryAdmin, RegistryInline

from .models import Country, Membership, MembershipFigure
from .resources import MembershipResource


class MembershipInline(RegistryInline):
    model = Membership
    extra = 0
    fields = ("mechanism", "role", "period", "year", "quote", "sources")
    autocomplete_fields = ("mechanism",)


@admin.register(Country)
class CountryAdmin(RegistryAdmin):
    list_display = ("__str__", "code", "printed_names", "membership_count", "source_list")
    search_fields = ("code", "printed_names")
    ordering = ("code",)
    list_filter = ("memberships__role", "sources")
    inlines = [MembershipInline]
    list_prefetch_related = ("memberships",)

    @admin.display(description=_("Roles in mechanisms"))
    def membership_count(self, obj):
        return len(obj.memberships.all())

    def get_search_results(self, request, queryset, search_term):
        # The name lives in django-countries, not in the table: match it there too.
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            from django_countries import countries

            codes = [code for code, name in countries if search_term.lower() in name.lower()]
            queryset |= self.model.objects.filter(code__in=codes)
        return queryset, duplicates


@admin.register(Membership)
class MembershipAdmin(ImportExportRegistryAdmin):
    resource_classes = [MembershipResource]
    list_display = ("country", "mechanism", "role", "period", "year", "source_list")
    list_filter = ("role", "mechanism", "sources")
    search_fields = ("country__code", "mechanism__name", "mechanism__acronym", "quote", "period")
    ordering = ("mechanism__name", "role", "country__code")
    list_select_related = ("country", "mechanism")
    autocomplete_fields = ("country", "mechanism")


@admin.register(MembershipFigure)
class MembershipFigureAdmin(RegistryAdmin):
    list_display = ("mechanism", "value", "approximate", "counted", "scope", "source_list")
    list_filter = ("mechanism", "role", "approximate")
    search_fields = ("mechanism__name", "mechanism__acronym", "quote", "scope", "slug")
    ordering = ("mechanism__name", "slug")
    list_select_related = ("mechanism",)
    autocomplete_fields = ("mechanism",)
