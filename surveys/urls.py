from django.urls import path

from surveys import views

app_name = "surveys"

urlpatterns = [
    path("surveys/", views.SurveyListView.as_view(), name="list"),
    path("surveys/<slug:slug>/", views.SurveyDetailView.as_view(), name="detail"),
]
