from django.urls import path

from gcm import views

app_name = "gcm"

urlpatterns = [
    path("objectives/", views.ObjectiveListView.as_view(), name="objectives"),
    path("objectives/<int:number>/", views.ObjectiveDetailView.as_view(), name="objective"),
    path("compact/", views.CompactView.as_view(), name="compact"),
]
