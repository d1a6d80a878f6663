"""Admin for mechanisms, their names, regions, organizations and GRCP meetings."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.admin import (
    TRANSLATIONS,
    TRANSLATIONS_HELP,
    ImportExportRegistryAdmin,
    RegistryAdmin,
    RegistryInline,
    SearchMatchMixin,
    flat_fields,
)
from gcm.models import MechanismObjective

from .models import (
    Mechanism,
    MechanismName,
    Meeting,
    Organization,
    Participation,
    Region,
)
from .resources import MechanismResource


@admin.register(Region)
class RegionAdmin(RegistryAdmin):
    list_display = ("name", "slug", "position", "source_list")
    search_fields = ("name", "slug")
    ordering = ("position", "name")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Organization)
class OrganizationAdmin(RegistryAdmin):
    list_display = ("__str__", "slug", "kind", "region_list", "source_list")
    list_filter = ("kind", "regions")
    search_fields = ("slug", "acronym", "name")
    ordering = ("acronym", "name")
    autocomplete_fields = ("regions",)
    list_prefetch_related = ("regions",)

    @admin.display(description=_("Regions"))
    def region_list(self, obj):
        return ", ".join(r.name for r in obj.regions.all()) or "—"


class MechanismNameInline(RegistryInline):
    model = MechanismName
    extra = 0
    fields = ("name", "acronym", "kind", "note", "sources")


class MechanismObjectiveInline(RegistryInline):
    model = MechanismObjective
    extra = 0
    fields = ("objective", "statement", "sources")
    autocomplete_fields = ("objective",)


@admin.register(Mechanism)
class MechanismAdmin(SearchMatchMixin, ImportExportRegistryAdmin):
    resource_classes = [MechanismResource]
    list_display = (
        "name",
        "acronym",
        "kind_short",
        "status",
        "region_list",
        "secretariat_organization",
        "source_list",
    )
    list_filter = ("kind", "status", "regions", "sources")
    search_fields = ("slug", "acronym", "name", "names__name", "names__acronym")
    search_match_labels = {"names__name": _("Other name"), "names__acronym": _("Other acronym")}
    search_help_text = _("Any name or acronym a mechanism has carried (former names too).")
    ordering = ("name",)
    list_select_related = ("secretariat_organization",)
    list_prefetch_related = ("regions", "names")
    autocomplete_fields = ("regions", "secretariat_organization", "partners")
    prepopulated_fields = {"slug": ("acronym",)}
    inlines = [MechanismNameInline, MechanismObjectiveInline]
    fieldsets = (
        (None, {"fields": ("slug", "acronym", "name", "kind", "status")}),
        (
            _("Where and who"),
            {
                "fields": (
                    "regions",
                    "region_label",
                    "secretariat",
                    "secretariat_organization",
                    "partners",
                )
            },
        ),
        (_("More"), {"fields": ("year_established", "website", "description")}),
        (
            TRANSLATIONS,
            {
                "description": TRANSLATIONS_HELP,
                "fields": (("name_fr", "name_es"), "description_fr", "description_es"),
            },
        ),
        (_("Provenance"), {"fields": ("sources",)}),
    )

    def get_fieldsets(self, request, obj=None):
        # A field added to the model later still shows up, under "More".
        fieldsets = super().get_fieldsets(request, obj)
        # Rows such as ("name_fr", "name_es") count too: listed twice, a field was shown in
        # its fieldset and again under "Other fields", and the copy below won the save.
        listed = {name for _, options in fieldsets for name in flat_fields(options["fields"])}
        opts = self.model._meta
        missing = [
            f.name
            for f in [*opts.fields, *opts.many_to_many]
            if f.editable and not f.primary_key and f.name not in listed
        ]
        if not missing:
            return fieldsets
        return [*fieldsets, (_("Other fields"), {"fields": missing})]

    @admin.display(description=_("Regions"))
    def region_list(self, obj):
        return ", ".join(r.name for r in obj.regions.all()) or "—"

    @admin.display(description=_("Kind"), ordering="kind")
    def kind_short(self, obj):
        # "RCP" rather than "Regional consultative process (RCP)": one short line per row.
        return {"rcp": "RCP", "irf": "IRF", "global": "Global"}.get(obj.kind, obj.kind or "—")


@admin.register(MechanismName)
class MechanismNameAdmin(RegistryAdmin):
    list_display = ("name", "acronym", "kind", "mechanism", "source_list")
    list_filter = ("kind",)
    search_fields = ("name", "acronym", "mechanism__name", "mechanism__acronym")
    ordering = ("mechanism__name", "kind", "name")
    list_select_related = ("mechanism",)
    autocomplete_fields = ("mechanism",)


class ParticipationInline(RegistryInline):
    model = Participation
    extra = 0
    fields = ("mechanism", "role", "sources")
    autocomplete_fields = ("mechanism",)


@admin.register(Meeting)
class MeetingAdmin(RegistryAdmin):
    list_display = ("__str__", "title", "year", "venue", "host", "participant_count", "source_list")
    search_fields = ("title", "theme", "venue", "=number")
    list_filter = ("year",)
    ordering = ("number",)
    inlines = [ParticipationInline]
    fieldsets = (
        (None, {"fields": ("number", "year", "title", "theme")}),
        (_("Where and when"), {"fields": ("venue", "dates", "host")}),
        (_("More"), {"fields": ("report_title", "website")}),
        (
            TRANSLATIONS,
            {
                "description": TRANSLATIONS_HELP,
                "fields": (("title_fr", "title_es"), ("theme_fr", "theme_es")),
            },
        ),
        (_("Provenance"), {"fields": ("sources",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(participant_count=Count("participations"))

    @admin.display(description=_("Mechanisms taking part"), ordering="participant_count")
    def participant_count(self, obj):
        return obj.participant_count


@admin.register(Participation)
class ParticipationAdmin(RegistryAdmin):
    list_display = ("meeting", "mechanism", "role", "source_list")
    list_filter = ("meeting",)
    search_fields = ("mechanism__name", "mechanism__acronym", "role")
    ordering = ("meeting__number", "mechanism__name")
    list_select_related = ("meeting", "mechanism")
    autocomplete_fields = ("meeting", "mechanism")
