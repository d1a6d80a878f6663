"""Admin for surveys: questionnaires, invitations, responses and published figures."""

from django.contrib import admin
from django.db.models import Count

from core.admin import RegistryAdmin

from .models import (
    Answer,
    Choice,
    Invitation,
    PublishedFigure,
    Question,
    Response,
    Survey,
)


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    fields = ("mechanism", "sources")
    autocomplete_fields = ("mechanism",)


@admin.register(Survey)
class SurveyAdmin(RegistryAdmin):
    list_display = ("title", "slug", "year", "meeting", "approached_count", "source_list")
    search_fields = ("slug", "title")
    list_filter = ("year",)
    ordering = ("-year", "slug")
    list_select_related = ("meeting",)
    autocomplete_fields = ("meeting",)
    prepopulated_fields = {"slug": ("title",)}
    inlines = [InvitationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(approached_count=Count("invitations"))

    @admin.display(description="Mechanisms approached", ordering="approached_count")
    def approached_count(self, obj):
        return obj.approached_count


@admin.register(Invitation)
class InvitationAdmin(RegistryAdmin):
    list_display = ("mechanism", "survey", "source_list")
    list_filter = ("survey",)
    search_fields = ("mechanism__name", "mechanism__acronym", "survey__title")
    ordering = ("survey__slug", "mechanism__name")
    list_select_related = ("survey", "mechanism")
    autocomplete_fields = ("survey", "mechanism")


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0
    fields = ("position", "label", "is_other", "mechanism", "objective", "principle", "sources")
    autocomplete_fields = ("mechanism", "objective", "principle")


@admin.register(Question)
class QuestionAdmin(RegistryAdmin):
    list_display = ("number", "short_text", "survey", "section", "kind", "required", "source_list")
    list_display_links = ("number", "short_text")
    list_filter = ("survey", "kind", "required")
    search_fields = ("text", "section", "help_text")
    ordering = ("survey__slug", "number")
    list_select_related = ("survey",)
    autocomplete_fields = ("survey",)
    inlines = [ChoiceInline]

    @admin.display(description="Question")
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 100 else obj.text[:99] + "…"


@admin.register(Choice)
class ChoiceAdmin(RegistryAdmin):
    list_display = ("label", "question", "position", "is_other", "source_list")
    list_filter = ("question__survey", "is_other")
    search_fields = ("label", "question__text")
    ordering = ("question__survey__slug", "question__number", "position")
    list_select_related = ("question",)
    autocomplete_fields = ("question", "mechanism", "objective", "principle")


class AnswerInline(admin.StackedInline):
    model = Answer
    extra = 0
    fields = ("question", "choices", "text", "statement", "sources")
    autocomplete_fields = ("question", "choices")


@admin.register(Response)
class ResponseAdmin(RegistryAdmin):
    list_display = ("mechanism", "survey", "status", "submitted_at", "source_list")
    list_filter = ("survey", "status")
    search_fields = ("mechanism__name", "mechanism__acronym", "survey__title", "note")
    ordering = ("survey__slug", "mechanism__name")
    list_select_related = ("survey", "mechanism")
    autocomplete_fields = ("survey", "mechanism")
    inlines = [AnswerInline]


@admin.register(Answer)
class AnswerAdmin(RegistryAdmin):
    list_display = ("__str__", "choice_list", "short_text", "source_list")
    list_filter = ("response__survey", "question__kind")
    search_fields = (
        "response__mechanism__name",
        "response__mechanism__acronym",
        "question__text",
        "text",
        "statement",
    )
    ordering = ("response__survey__slug", "response__mechanism__name", "question__number")
    list_select_related = ("response__survey", "response__mechanism", "question")
    list_prefetch_related = ("choices",)
    autocomplete_fields = ("response", "question", "choices")

    @admin.display(description="Choices")
    def choice_list(self, obj):
        return "; ".join(c.label for c in obj.choices.all()) or "—"

    @admin.display(description="Text")
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 100 else obj.text[:99] + "…"


@admin.register(PublishedFigure)
class PublishedFigureAdmin(RegistryAdmin):
    list_display = ("label", "value", "unit", "basis", "survey", "source_list")
    list_filter = ("survey", "unit", "basis")
    search_fields = ("key", "label", "statement")
    ordering = ("survey__slug", "key")
    list_select_related = ("survey",)
    autocomplete_fields = ("survey", "question", "choice", "objective", "principle")
