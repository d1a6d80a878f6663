"""Admin for the GCM process: phases and thematic sessions."""

from django.contrib import admin

from core.admin import RegistryAdmin, RegistryInline

from .models import Phase, ThematicSession


class ThematicSessionInline(RegistryInline):
    model = ThematicSession
    extra = 0
    fields = ("number", "label", "title", "sources")


@admin.register(Phase)
class PhaseAdmin(RegistryAdmin):
    list_display = ("__str__", "stage", "start_year", "start_month", "end_year", "end_month")
    list_filter = ("stage",)
    search_fields = ("slug", "name", "quote", "period_text")
    ordering = ("stage", "position")
    inlines = [ThematicSessionInline]


@admin.register(ThematicSession)
class ThematicSessionAdmin(RegistryAdmin):
    list_display = ("label", "title", "phase", "source_list")
    search_fields = ("title", "=number")
    ordering = ("number",)
    list_select_related = ("phase",)
