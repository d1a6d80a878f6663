"""Admin for events (GRCP meetings among them), sessions, documents and public roles."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import (
    TRANSLATIONS,
    TRANSLATIONS_HELP,
    RegistryAdmin,
    RegistryInline,
    RegistryStackedInline,
)

from .models import (
    Event,
    EventDocument,
    EventFigure,
    EventMechanism,
    Person,
    PublicRole,
    Session,
)


class EventMechanismInline(RegistryInline):
    model = EventMechanism
    extra = 0
    fields = ("mechanism", "role", "sources")
    autocomplete_fields = ("mechanism",)


class SessionInline(RegistryStackedInline):
    model = Session
    extra = 0
    fields = (
        ("slug", "position", "title"),
        ("title_fr", "title_es"),
        ("date", "start_time", "end_time", "time_zone"),
        ("languages", "languages_text"),
        "mechanisms",
        "sources",
    )
    autocomplete_fields = ("mechanisms",)
    show_change_link = True


class EventFigureInline(RegistryInline):
    model = EventFigure
    extra = 0
    fields = ("slug", "label", "label_fr", "label_es", "value", "quote", "sources")


class EventDocumentInline(RegistryInline):
    model = EventDocument
    extra = 0
    fields = ("position", "slug", "kind", "title", "url", "document", "sources")


@admin.register(Event)
class EventAdmin(RegistryAdmin):
    list_display = (
        "__str__",
        "kind",
        "start_date",
        "year",
        "place",
        "virtual",
        "host_country",
        "source_list",
    )
    list_filter = ("kind", "virtual", "year", "place_country", "host_country", "sources")
    search_fields = ("slug", "title", "place", "host", "organisers", "moderator", "description")
    ordering = ("start_date", "year", "slug")
    list_select_related = ("meeting", "host_country")
    autocomplete_fields = (
        "meeting",
        "place_country",
        "host_country",
        "moderator_country",
        "host_organizations",
        "organiser_organizations",
        "organiser_countries",
        "margins_of",
    )
    inlines = [SessionInline, EventMechanismInline, EventFigureInline, EventDocumentInline]
    fieldsets = (
        (None, {"fields": ("slug", "kind", "meeting", "title")}),
        (_("When"), {"fields": (("start_date", "end_date"), "year", "dates_text")}),
        (
            _("Where"),
            {"fields": ("place", "place_country", ("virtual", "platform"), "margins_of")},
        ),
        (
            _("Who"),
            {
                "fields": (
                    "host",
                    "host_country",
                    "host_organizations",
                    "organisers",
                    "organiser_organizations",
                    "organiser_countries",
                    "moderator",
                    "moderator_country",
                )
            },
        ),
        (_("More"), {"fields": ("documents", "description")}),
        (
            TRANSLATIONS,
            {
                "description": TRANSLATIONS_HELP,
                "fields": (("title_fr", "title_es"), "description_fr", "description_es"),
            },
        ),
        (_("Provenance"), {"fields": ("sources",)}),
    )
    filter_horizontal = ("sources", "documents")


@admin.register(Session)
class SessionAdmin(RegistryAdmin):
    list_display = ("title", "event", "date", "start_time", "end_time", "languages", "source_list")
    list_filter = ("event",)
    search_fields = ("title", "slug", "event__slug", "event__title")
    ordering = ("event__slug", "position")
    list_select_related = ("event", "event__meeting")
    autocomplete_fields = ("event", "mechanisms")


@admin.register(EventMechanism)
class EventMechanismAdmin(RegistryAdmin):
    list_display = ("event", "mechanism", "role", "source_list")
    list_filter = ("event",)
    search_fields = ("mechanism__name", "mechanism__acronym", "role", "event__slug")
    ordering = ("event__slug", "mechanism__name")
    list_select_related = ("event", "event__meeting", "mechanism")
    autocomplete_fields = ("event", "mechanism")


@admin.register(EventFigure)
class EventFigureAdmin(RegistryAdmin):
    list_display = ("event", "label", "value", "source_list")
    list_filter = ("event",)
    search_fields = ("label", "quote", "event__slug")
    ordering = ("event__slug", "slug")
    list_select_related = ("event", "event__meeting")
    autocomplete_fields = ("event",)


@admin.register(EventDocument)
class EventDocumentAdmin(RegistryAdmin):
    list_display = ("title", "event", "kind", "url", "document", "source_list")
    list_filter = ("kind", "event")
    search_fields = ("title", "url", "event__slug")
    ordering = ("event__slug", "position")
    list_select_related = ("event", "event__meeting", "document")
    autocomplete_fields = ("event",)


class PublicRoleInline(RegistryInline):
    model = PublicRole
    extra = 0
    fields = ("slug", "kind", "event", "session", "mechanism", "name_as_printed", "position")
    autocomplete_fields = ("event", "session", "mechanism")
    show_change_link = True


@admin.register(Person)
class PersonAdmin(RegistryAdmin):
    list_display = ("name", "honorific", "slug", "source_list")
    search_fields = ("name", "slug", "roles__name_as_printed")
    ordering = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = [PublicRoleInline]


@admin.register(PublicRole)
class PublicRoleAdmin(RegistryAdmin):
    list_display = ("person", "kind", "event", "session", "mechanism", "country", "source_list")
    list_filter = ("kind", "event", "mechanism", "country")
    search_fields = ("person__name", "name_as_printed", "position", "organisation", "printed")
    ordering = ("person__name", "kind")
    list_select_related = ("person", "event", "event__meeting", "session", "mechanism", "country")
    autocomplete_fields = ("person", "event", "session", "mechanism", "organization", "country")
