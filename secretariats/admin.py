"""Admin for secretariat accounts: link users to the mechanisms they answer for."""

from django.contrib import admin

from core.admin import RegistryAdmin

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(RegistryAdmin):
    list_display = ("user", "mechanism", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "user__email", "mechanism__name", "mechanism__acronym")
    ordering = ("mechanism__name", "user__username")
    list_select_related = ("user", "mechanism")
    autocomplete_fields = ("mechanism",)
    raw_id_fields = ("user",)
    filter_horizontal = ()
