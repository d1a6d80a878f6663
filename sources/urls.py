from django.urls import path

from sources import views

app_name = "sources"

urlpatterns = [
    path("sources/", views.SourceListView.as_view(), name="list"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="detail"),
    path("sources/<slug:slug>/text/", views.note_text, name="text"),
]
