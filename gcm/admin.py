"""Admin for the GCM: objectives, principles, references, entry points, engagements."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ImportExportRegistryAdmin, RegistryAdmin, SearchMatchMixin

from .models import (
    EntryPoint,
    GuidingPrinciple,
    MechanismObjective,
    Objective,
    Reference,
    ReferenceQuote,
    StakeholderEngagement,
)
from .resources import ReferenceResource


@admin.register(Objective)
class ObjectiveAdmin(RegistryAdmin):
    list_display = ("number", "title", "short_title", "source_list")
    list_display_links = ("number", "title")
    search_fields = ("=number", "title", "short_title")
    ordering = ("number",)


@admin.register(GuidingPrinciple)
class GuidingPrincipleAdmin(RegistryAdmin):
    list_display = ("letter", "title", "source_list")
    list_display_links = ("letter", "title")
    search_fields = ("=letter", "title")
    ordering = ("letter",)


class ReferenceQuoteInline(admin.StackedInline):
    """Other notes' wording of the same paragraph, each with its note."""

    model = ReferenceQuote
    extra = 0
    fields = ("source", "position", "cited_as", "text")


@admin.register(Reference)
class ReferenceAdmin(SearchMatchMixin, ImportExportRegistryAdmin):
    resource_classes = [ReferenceResource]
    inlines = [ReferenceQuoteInline]
    list_display = (
        "wording",
        "paragraph_label",
        "document",
        "group",
        "objective_number",
        "mechanism_list",
        "source_list",
    )
    list_filter = ("document", "group", "objective", "mechanisms")
    # A reference "names GFMD" in its wording, its quote or by a linked mechanism, under
    # any name that mechanism has carried.
    search_fields = (
        "wording",
        "quote",
        "heading",
        "note",
        "=paragraph",
        "mechanisms__acronym",
        "mechanisms__name",
        "mechanisms__names__name",
        "mechanisms__names__acronym",
    )
    search_match_labels = {
        "wording": _("Wording"),
        "quote": _("Quote"),
        "heading": _("Heading"),
        "note": _("Note"),
        "mechanisms__acronym": _("Names mechanism"),
        "mechanisms__name": _("Names mechanism"),
        "mechanisms__names__name": _("Names mechanism (other name)"),
        "mechanisms__names__acronym": _("Names mechanism (other acronym)"),
    }
    search_help_text = _("Words of the wording, quote, heading or note, or a mechanism named.")
    ordering = ("document", "paragraph_number", "paragraph", "wording")
    list_select_related = ("document", "objective")
    list_prefetch_related = ("mechanisms", "mechanisms__names")
    autocomplete_fields = ("document", "mechanisms", "objective")
    readonly_fields = ("paragraph_number",)
    fields = (
        "document",
        "paragraph",
        "paragraph_number",
        "wording",
        "group",
        "heading",
        "quote",
        "note",
        "mechanisms",
        "objective",
        "sources",
    )

    @admin.display(description="§", ordering="paragraph_number")
    def paragraph_label(self, obj):
        return obj.paragraph or "—"

    @admin.display(description=_("Objective"), ordering="objective__number")
    def objective_number(self, obj):
        return obj.objective.number if obj.objective else "—"

    @admin.display(description=_("Mechanisms named"))
    def mechanism_list(self, obj):
        return ", ".join(m.acronym or m.name for m in obj.mechanisms.all()) or "—"


@admin.register(ReferenceQuote)
class ReferenceQuoteAdmin(RegistryAdmin):
    list_display = ("reference", "source", "position", "cited_as", "short_text")
    filter_horizontal = ()
    list_filter = ("source", "reference__document")
    search_fields = ("text", "cited_as", "reference__wording", "=reference__paragraph")
    ordering = ("reference__document", "reference__paragraph_number", "source", "position")
    list_select_related = ("reference__document", "source")
    autocomplete_fields = ("reference",)

    @admin.display(description=_("Quote"))
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 120 else obj.text[:119] + "…"


@admin.register(EntryPoint)
class EntryPointAdmin(RegistryAdmin):
    list_display = ("objective", "level", "document", "short_action", "source_list")
    list_filter = ("document", "level")
    search_fields = ("action", "engagement", "objective_label", "objective__title")
    ordering = ("document", "level", "objective__number")
    list_select_related = ("document", "objective")
    autocomplete_fields = ("document", "objective")

    @admin.display(description=_("Action"))
    def short_action(self, obj):
        return obj.action if len(obj.action) <= 120 else obj.action[:119] + "…"


@admin.register(StakeholderEngagement)
class StakeholderEngagementAdmin(RegistryAdmin):
    list_display = ("group", "label", "document", "objective_list", "source_list")
    list_filter = ("document", "group")
    search_fields = ("label", "group", "statement")
    ordering = ("document", "group")
    list_select_related = ("document",)
    list_prefetch_related = ("objectives",)
    autocomplete_fields = ("document", "objectives")

    @admin.display(description=_("Objectives"))
    def objective_list(self, obj):
        return ", ".join(str(o.number) for o in obj.objectives.all()) or "—"


@admin.register(MechanismObjective)
class MechanismObjectiveAdmin(RegistryAdmin):
    list_display = ("mechanism", "objective", "short_statement", "source_list")
    list_filter = ("objective",)
    search_fields = ("mechanism__name", "mechanism__acronym", "objective__title", "statement")
    ordering = ("mechanism__name", "objective__number")
    list_select_related = ("mechanism", "objective")
    autocomplete_fields = ("mechanism", "objective")

    @admin.display(description=_("Statement"))
    def short_statement(self, obj):
        return obj.statement if len(obj.statement) <= 120 else obj.statement[:119] + "…"
