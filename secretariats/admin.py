"""Admin for secretariat accounts: link users to the mechanisms they answer for.

Editors manage memberships without any right over user accounts themselves: the user
field searches accounts by username, name or e-mail through an endpoint of this admin
(allowed to whoever may change memberships), not Django's user autocomplete, which would
require permission to view every account in the user admin.
"""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from core.admin import RegistryAdmin

from .models import Membership

#: Accounts offered per page of the user search.
USER_SEARCH_PAGE = 20


def user_label(user) -> str:
    name = user.get_full_name()
    parts = [user.get_username(), f"({name})" if name else "", user.email and f"<{user.email}>"]
    return " ".join(p for p in parts if p)


class UserSearchSelect(AutocompleteSelect):
    """Django's autocomplete box (select2), asking the membership admin's user search."""

    def get_url(self):
        return reverse(f"{self.admin_site.name}:secretariats_membership_user_search")


@admin.register(Membership)
class MembershipAdmin(RegistryAdmin):
    list_display = ("user", "user_email", "mechanism", "role", "language")
    list_filter = ("role", "mechanism")
    search_fields = (
        "user__username",
        "user__email",
        "user__first_name",
        "user__last_name",
        "mechanism__name",
        "mechanism__acronym",
    )
    ordering = ("mechanism__name", "user__username")
    list_select_related = ("user", "mechanism")
    autocomplete_fields = ("mechanism",)

    @admin.display(description=_("E-mail"), ordering="user__email")
    def user_email(self, obj):
        return obj.user.email or "—"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["widget"] = UserSearchSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
            kwargs["help_text"] = _(
                "Type part of the username, name or e-mail address. Secretariat accounts "
                "need no staff status; an administrator creates them."
            )
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "user":
            formfield.label_from_instance = user_label
        return formfield

    def get_urls(self):
        search = self.admin_site.admin_view(self.user_search_view)
        return [
            path("user-search/", search, name="secretariats_membership_user_search"),
            *super().get_urls(),
        ]

    def user_search_view(self, request):
        """select2's JSON: accounts matching ``term`` (username, name, e-mail), 20 a page."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        term = request.GET.get("term", "").strip()
        try:
            page = max(1, int(request.GET.get("page", "1")))
        except ValueError:
            page = 1
        users = get_user_model().objects.filter(is_active=True).order_by("username")
        for word in term.split()[:5]:
            users = users.filter(
                Q(username__icontains=word)
                | Q(email__icontains=word)
                | Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
            )
        start = (page - 1) * USER_SEARCH_PAGE
        found = list(users[start : start + USER_SEARCH_PAGE + 1])
        return JsonResponse(
            {
                "results": [
                    {"id": str(u.pk), "text": user_label(u)} for u in found[:USER_SEARCH_PAGE]
                ],
                "pagination": {"more": len(found) > USER_SEARCH_PAGE},
            }
        )
