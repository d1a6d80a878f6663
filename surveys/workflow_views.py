"""Secretariats answer their mechanisms' questionnaires; nobody sees another's response.

Access is decided in one query: the invitation is looked up together with the user's
membership of the mechanism (``secretariats.Membership``), so a response of a mechanism
the user does not answer for is a 404 whatever slug or id is tried. Staff who may change
responses (``surveys.change_response``) may open any invited mechanism's questionnaire.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from secretariats.models import Membership

from .forms import QuestionnaireForm
from .models import Answer, Choice, Invitation, Question, Response
from .services import (
    MAX_ANSWER_LENGTH,
    QuestionnaireClosed,
    StaleVersion,
    questionnaire_window,
    response_save_draft,
    response_submit,
)


def invitations_for(user):
    """The invitations ``user`` may answer: their mechanisms', or all for response editors."""
    invitations = Invitation.objects.select_related("survey", "mechanism")
    if user.has_perm("surveys.change_response"):
        return invitations
    return invitations.filter(mechanism__in=Membership.objects.mechanism_ids(user))


class MyQuestionnairesView(LoginRequiredMixin, ListView):
    """The questionnaires a secretariat user is invited to answer, with their status."""

    template_name = "surveys/my_questionnaires.html"
    context_object_name = "invitations"

    def get_queryset(self):
        responses = Response.objects.filter(
            survey=OuterRef("survey"), mechanism=OuterRef("mechanism")
        )
        return (
            invitations_for(self.request.user)
            .filter(mechanism__in=Membership.objects.mechanism_ids(self.request.user))
            .annotate(
                response_status=Subquery(responses.values("status")[:1]),
                response_late=Subquery(responses.values("is_late")[:1]),
                # The language this user chose for the mechanism: its questionnaire's link.
                language=Subquery(
                    Membership.objects.filter(
                        user=self.request.user, mechanism=OuterRef("mechanism")
                    ).values("language")[:1]
                ),
            )
            .order_by("-survey__year", "survey__slug", "mechanism__name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chosen = (
            Membership.objects.filter(user=self.request.user)
            .values_list("language", flat=True)
            .first()
        )
        context.update(chosen_language=chosen, languages=settings.LANGUAGES)
        return context


class QuestionnaireView(LoginRequiredMixin, View):
    """``/surveys/<survey>/respond/<mechanism>/``: the form, "Save draft" and "Submit"."""

    template_name = "surveys/respond.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.invitation = None

    def load(self, survey_slug, mechanism_slug):
        self.invitation = get_object_or_404(
            invitations_for(self.request.user),
            survey__slug=survey_slug,
            mechanism__slug=mechanism_slug,
        )
        self.survey = self.invitation.survey
        self.mechanism = self.invitation.mechanism
        self.questions = list(
            Question.objects.filter(survey=self.survey)
            .prefetch_related(
                Prefetch(
                    "choices",
                    queryset=Choice.objects.select_related("objective", "principle"),
                )
            )
            .order_by("number")
        )
        self.response = (
            Response.objects.filter(survey=self.survey, mechanism=self.mechanism)
            .prefetch_related(
                Prefetch("answers", queryset=Answer.objects.prefetch_related("choices"))
            )
            .first()
        )

    def form(self, data=None):
        return QuestionnaireForm(
            data,
            questions=self.questions,
            response=self.response,
            mechanism=self.mechanism,
        )

    def render(self, form, status=200):
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "survey": self.survey,
                "mechanism": self.mechanism,
                "response": self.response,
                "form": form,
                "window": questionnaire_window(self.survey),
                "max_length": MAX_ANSWER_LENGTH,
            },
            status=status,
        )

    def get(self, request, survey_slug, mechanism_slug):
        self.load(survey_slug, mechanism_slug)
        return self.render(self.form())

    def post(self, request, survey_slug, mechanism_slug):
        self.load(survey_slug, mechanism_slug)
        form = self.form(request.POST)
        action = request.POST.get("action")
        if action not in ("draft", "submit"):
            form.add_error(None, _("Choose “Save draft” or “Submit”."))
            return self.render(form, status=400)
        valid = form.is_valid()
        if valid and action == "submit":
            valid = form.check_required()
        if not valid:
            form.add_error(None, _("Nothing was saved: please correct the errors marked below."))
            return self.render(form, status=400)
        service = response_submit if action == "submit" else response_save_draft
        try:
            service(
                survey=self.survey,
                mechanism=self.mechanism,
                answers=form.answers(),
                version=form.cleaned_data["version"],
            )
        except StaleVersion as error:
            # The user's input stays in the (bound) form; nothing was written.
            form.add_error(None, error)
            return self.render(form, status=409)
        except QuestionnaireClosed as error:
            form.add_error(None, error)
            return self.render(form, status=403)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render(form, status=400)
        if action == "submit":
            messages.success(
                request,
                _("Submitted: %(mechanism)s's answers now count in the survey's results.")
                % {"mechanism": self.mechanism},
            )
        else:
            messages.success(request, _("Draft saved. It does not count in the results yet."))
        return redirect("surveys:respond", survey_slug, mechanism_slug)
