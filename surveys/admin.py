"""Admin for surveys: questionnaires, invitations, responses and published figures."""

from datetime import UTC, datetime, time

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import (
    TRANSLATIONS,
    TRANSLATIONS_HELP,
    RegistryAdmin,
    RegistryInline,
    RegistryStackedInline,
)

from .export import export_csv, export_xlsx
from .mail import invitations_send, reminders_send
from .models import (
    Answer,
    Choice,
    Invitation,
    LatePolicy,
    PublishedFigure,
    Question,
    Response,
    Survey,
)
from .services import survey_copy


class DateInput(forms.DateInput):
    """The browser's date picker (``<input type="date">``), ISO dates in and out."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class SurveyCopyForm(forms.Form):
    """What a new round needs besides the questionnaire it copies."""

    slug = forms.SlugField(max_length=80, help_text=_("The round's address: /surveys/<slug>/."))
    title = forms.CharField(max_length=400, label=_("Title"))
    year = forms.IntegerField(required=False, min_value=1900, max_value=2200, label=_("Year"))
    opens_at = forms.DateField(
        required=False,
        widget=DateInput,
        label=_("Opens on"),
        help_text=_("From 00:00 UTC that day."),
    )
    deadline = forms.DateField(
        required=False,
        widget=DateInput,
        label=_("Deadline"),
        help_text=_("Until 23:59 UTC that day."),
    )
    late_policy = forms.ChoiceField(
        choices=LatePolicy.choices, initial=LatePolicy.REFUSE, label=_("Late answers")
    )
    invite_same = forms.BooleanField(
        required=False, label=_("Invite the same mechanisms as the copied round")
    )

    @staticmethod
    def initial_for(source: Survey) -> dict:
        """The next round's slug, title and year, guessed from the copied round's."""
        year = source.year + 1 if source.year else None
        slug, title = source.slug, source.title
        if source.year and str(source.year) in slug:
            slug = slug.replace(str(source.year), str(year))
        else:
            slug = f"{slug}-next"[:80]
        if source.year and str(source.year) in title:
            title = title.replace(str(source.year), str(year))
        return {"slug": slug, "title": title, "year": year, "late_policy": source.late_policy}

    def clean(self):
        data = super().clean()
        opens, deadline = data.get("opens_at"), data.get("deadline")
        if opens and deadline and deadline < opens:
            self.add_error("deadline", _("The deadline is before the opening date."))
        # The service takes moments: the opening day's start, the deadline day's end (UTC).
        if opens:
            data["opens_at"] = datetime.combine(opens, time.min, tzinfo=UTC)
        if deadline:
            data["deadline"] = datetime.combine(deadline, time(23, 59), tzinfo=UTC)
        return data


def invitation_status(response_status: str | None, is_late: bool | None) -> str:
    """invited (nothing saved), draft, submitted, or late (submitted after the deadline)."""
    if response_status == Response.Status.SUBMITTED:
        return "late" if is_late else "submitted"
    return "draft" if response_status == Response.Status.DRAFT else "invited"


class InvitationInline(RegistryInline):
    model = Invitation
    extra = 0
    fields = ("mechanism", "sources")
    autocomplete_fields = ("mechanism",)


@admin.register(Survey)
class SurveyAdmin(RegistryAdmin):
    list_display = (
        "title",
        "slug",
        "year",
        "deadline",
        "approached_count",
        "progress",
        "source_list",
    )
    search_fields = ("slug", "title")
    list_filter = ("year",)
    ordering = ("-year", "slug")
    list_select_related = ("meeting",)
    autocomplete_fields = ("meeting", "copied_from")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [InvitationInline]
    fieldsets = (
        (None, {"fields": ("slug", "title", "year", "meeting", "description")}),
        (_("Answering"), {"fields": ("opens_at", "deadline", "late_policy", "copied_from")}),
        (
            TRANSLATIONS,
            {
                "description": TRANSLATIONS_HELP,
                "fields": (("title_fr", "title_es"), "description_fr", "description_es"),
            },
        ),
        (_("Provenance"), {"fields": ("sources",)}),
    )
    actions = ["copy_round", "send_invitations", "send_reminders"]
    # Links to the round's status, exports, questions and responses above the form.
    change_form_template = "admin/surveys/survey/change_form.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                approached_count=Count("invitations", distinct=True),
                submitted_count=Count(
                    "responses",
                    filter=Q(responses__status=Response.Status.SUBMITTED),
                    distinct=True,
                ),
            )
        )

    @admin.display(description=_("Mechanisms approached"), ordering="approached_count")
    def approached_count(self, obj):
        return obj.approached_count

    @admin.display(description=_("Progress"))
    def progress(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:surveys_survey_status", args=[obj.pk]),
            _("%(count)s submitted — status per mechanism") % {"count": obj.submitted_count},
        )

    # --- Extra pages: status per mechanism, exports ------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/status/", wrap(self.status_view), name="surveys_survey_status"),
            path(
                "<int:pk>/export.<str:fmt>",
                wrap(self.export_view),
                name="surveys_survey_export",
            ),
            *super().get_urls(),
        ]

    def _survey(self, request, pk, permission="surveys.view_response"):
        if not request.user.has_perm(permission):
            raise PermissionDenied
        survey = Survey.objects.filter(pk=pk).first()
        if survey is None:
            raise Http404("No such survey.")
        return survey

    def status_view(self, request, pk):
        """Every invited mechanism with its status (invited, draft, submitted, late)."""
        survey = self._survey(request, pk)
        responses = Response.objects.filter(survey=survey, mechanism=OuterRef("mechanism"))
        invitations = (
            Invitation.objects.filter(survey=survey)
            .select_related("mechanism")
            .annotate(
                response_status=Subquery(responses.values("status")[:1]),
                response_late=Subquery(responses.values("is_late")[:1]),
                response_submitted_at=Subquery(responses.values("submitted_at")[:1]),
                secretariat_users=Count("mechanism__secretariat_memberships", distinct=True),
            )
            .order_by("mechanism__name")
        )
        rows = [
            (inv, invitation_status(inv.response_status, inv.response_late)) for inv in invitations
        ]
        totals = {
            s: sum(1 for _, st in rows if st == s)
            for s in ("invited", "draft", "submitted", "late")
        }
        return TemplateResponse(
            request,
            "admin/surveys/survey/status.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Status per mechanism: %(survey)s") % {"survey": survey},
                "survey": survey,
                "rows": rows,
                "totals": totals,
            },
        )

    def export_view(self, request, pk, fmt):
        survey = self._survey(request, pk)
        if fmt == "csv":
            return export_csv(survey)
        if fmt == "xlsx":
            return export_xlsx(survey)
        raise Http404("Export as csv or xlsx.")

    # --- Actions -----------------------------------------------------------------------

    @admin.action(description=_("Copy the questionnaire into a new round"), permissions=["add"])
    def copy_round(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one survey to copy."), messages.ERROR)
            return None
        source = queryset.get()
        form = SurveyCopyForm(
            request.POST if "apply" in request.POST else None,
            initial=SurveyCopyForm.initial_for(source),
        )
        if form.is_valid():
            try:
                survey = survey_copy(source=source, **form.cleaned_data)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                count = survey.questions.count()
                message = ngettext(
                    "Created “%(survey)s” with %(count)s question copied from “%(source)s”.",
                    "Created “%(survey)s” with %(count)s questions copied from “%(source)s”.",
                    count,
                ) % {"survey": survey, "count": count, "source": source}
                self.message_user(request, message, messages.SUCCESS)
                return HttpResponseRedirect(
                    reverse("admin:surveys_survey_change", args=[survey.pk])
                )
        return TemplateResponse(
            request,
            "admin/surveys/survey/copy_round.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("New round from “%(source)s”") % {"source": source},
                "source": source,
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(
        description=_("E-mail invitations (mechanisms not yet mailed)"), permissions=["change"]
    )
    def send_invitations(self, request, queryset):
        for survey in queryset:
            report = invitations_send(survey=survey)
            sent = len(report.sent)
            message = ngettext(
                "%(survey)s: %(count)s invitation sent.",
                "%(survey)s: %(count)s invitations sent.",
                sent,
            )
            self._mail_report(
                request, survey, report, message % {"survey": survey.slug, "count": sent}
            )

    @admin.action(
        description=_("E-mail reminders (mechanisms not yet submitted)"), permissions=["change"]
    )
    def send_reminders(self, request, queryset):
        for survey in queryset:
            report = reminders_send(survey=survey)
            sent = len(report.sent)
            message = ngettext(
                "%(survey)s: %(count)s reminder sent.",
                "%(survey)s: %(count)s reminders sent.",
                sent,
            )
            self._mail_report(
                request, survey, report, message % {"survey": survey.slug, "count": sent}
            )

    def _mail_report(self, request, survey, report, message):
        self.message_user(request, message)
        if report.no_address:
            names = ", ".join(i.mechanism.slug for i in report.no_address)
            self.message_user(
                request,
                _("%(survey)s: no secretariat e-mail address for %(names)s.")
                % {"survey": survey.slug, "names": names},
                messages.WARNING,
            )


@admin.register(Invitation)
class InvitationAdmin(RegistryAdmin):
    list_display = ("mechanism", "survey", "source_list")
    list_filter = ("survey",)
    search_fields = ("mechanism__name", "mechanism__acronym", "survey__title")
    ordering = ("survey__slug", "mechanism__name")
    list_select_related = ("survey", "mechanism")
    autocomplete_fields = ("survey", "mechanism")


class ChoiceInline(RegistryInline):
    model = Choice
    extra = 0
    fields = (
        "position",
        "label",
        "label_fr",
        "label_es",
        "is_other",
        "mechanism",
        "objective",
        "principle",
        "sources",
    )
    autocomplete_fields = ("mechanism", "objective", "principle")


@admin.register(Question)
class QuestionAdmin(RegistryAdmin):
    list_display = ("number", "short_text", "survey", "section", "kind", "required", "source_list")
    list_display_links = ("number", "short_text")
    list_filter = ("survey", "kind", "required")
    search_fields = ("text", "section", "help_text")
    ordering = ("survey__slug", "number")
    list_select_related = ("survey",)
    autocomplete_fields = ("survey", "copied_from")
    inlines = [ChoiceInline]
    fieldsets = (
        (None, {"fields": ("survey", "number", "section", "text", "help_text")}),
        (_("Answers"), {"fields": ("kind", "required", "personal_data", "copied_from")}),
        (
            TRANSLATIONS,
            {
                "description": TRANSLATIONS_HELP,
                "fields": (
                    ("section_fr", "section_es"),
                    "text_fr",
                    "text_es",
                    "help_text_fr",
                    "help_text_es",
                ),
            },
        ),
        (_("Provenance"), {"fields": ("sources",)}),
    )

    @admin.display(description=_("Question"))
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
    fieldsets = (
        (None, {"fields": ("question", "position", "label", "is_other")}),
        (_("Links"), {"fields": ("mechanism", "objective", "principle")}),
        (TRANSLATIONS, {"description": TRANSLATIONS_HELP, "fields": (("label_fr", "label_es"),)}),
        (_("Provenance"), {"fields": ("sources",)}),
    )


class AnswerInline(RegistryStackedInline):
    model = Answer
    extra = 0
    fields = ("question", "choices", "text", "statement", "sources")
    autocomplete_fields = ("question", "choices")


@admin.register(Response)
class ResponseAdmin(RegistryAdmin):
    list_display = ("mechanism", "survey", "status", "is_late", "submitted_at", "source_list")
    list_filter = ("survey", "status", "is_late")
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

    @admin.display(description=_("Choices"))
    def choice_list(self, obj):
        return "; ".join(c.label for c in obj.choices.all()) or "—"

    @admin.display(description=_("Text"))
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
    fieldsets = (
        (None, {"fields": ("survey", "key", "label", "statement", "value", "unit", "basis")}),
        (_("What it is about"), {"fields": ("question", "choice", "objective", "principle")}),
        (_("More"), {"fields": ("note",)}),
        (TRANSLATIONS, {"description": TRANSLATIONS_HELP, "fields": (("label_fr", "label_es"),)}),
        (_("Provenance"), {"fields": ("sources",)}),
    )
