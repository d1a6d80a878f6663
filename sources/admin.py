"""Admin for documents: the UN texts and the IOM notes every fact cites."""

from django.contrib import admin

from core.admin import RegistryAdmin

from .models import Document


@admin.register(Document)
class DocumentAdmin(RegistryAdmin):
    list_display = ("__str__", "slug", "symbol", "kind", "date", "date_note", "source_list")
    list_filter = ("kind",)
    search_fields = ("slug", "symbol", "title", "short_title")
    ordering = ("kind", "date", "slug")
    prepopulated_fields = {"slug": ("short_title",)}
