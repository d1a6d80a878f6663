"""Admin for statements (recommendations, outcomes, ...) and definitions."""

from django.contrib import admin

from core.admin import ImportExportRegistryAdmin, RegistryAdmin

from .models import Definition, Statement
from .resources import StatementResource


@admin.register(Statement)
class StatementAdmin(ImportExportRegistryAdmin):
    resource_classes = [StatementResource]
    list_display = ("__str__", "kind", "document", "place", "event", "source_list")
    list_filter = ("kind", "document", "event", "objectives", "mechanisms")
    search_fields = ("slug", "text", "place", "actors")
    ordering = ("document", "place", "position")
    list_select_related = ("document", "event", "event__meeting")
    autocomplete_fields = (
        "event",
        "session",
        "speaker",
        "objectives",
        "mechanisms",
        "organizations",
        "countries",
        "restates",
    )


@admin.register(Definition)
class DefinitionAdmin(RegistryAdmin):
    list_display = ("term", "abbreviation", "term_key", "document", "place", "source_list")
    list_filter = ("term_key", "document")
    search_fields = ("slug", "term", "abbreviation", "text")
    ordering = ("term_key", "document")
    list_select_related = ("document",)
