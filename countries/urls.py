from django.urls import path

from countries import views

app_name = "countries"

urlpatterns = [
    path("countries/", views.CountryListView.as_view(), name="list"),
    path("countries/<str:code>/", views.CountryDetailView.as_view(), name="detail"),
]
