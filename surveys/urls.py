from django.urls import path

from surveys import views, workflow_views

app_name = "surveys"

urlpatterns = [
    path("surveys/", views.SurveyListView.as_view(), name="list"),
    path("surveys/<slug:slug>/", views.SurveyDetailView.as_view(), name="detail"),
    path(
        "surveys/<slug:survey_slug>/respond/<slug:mechanism_slug>/",
        workflow_views.QuestionnaireView.as_view(),
        name="respond",
    ),
    path(
        "accounts/questionnaires/",
        workflow_views.MyQuestionnairesView.as_view(),
        name="mine",
    ),
]
