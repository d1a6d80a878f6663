from django.urls import path

from mechanisms import coverage, views

app_name = "mechanisms"

urlpatterns = [
    path("mechanisms/", views.MechanismListView.as_view(), name="list"),
    path("mechanisms/<slug:slug>/", views.MechanismDetailView.as_view(), name="detail"),
    path("coverage/", coverage.CoverageView.as_view(), name="coverage"),
    path("regions/", views.RegionListView.as_view(), name="regions"),
    path("regions/<slug:slug>/", views.RegionDetailView.as_view(), name="region"),
]
