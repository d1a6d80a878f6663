"""Plain log-in and log-out pages, so secretariat users need no staff status."""

from django.contrib.auth import views as auth_views
from django.urls import path

from .views import choose_language

app_name = "accounts"

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=False),
        name="login",
    ),
    path("accounts/language/", choose_language, name="language"),
    path(
        "accounts/logout/", auth_views.LogoutView.as_view(next_page="accounts:login"), name="logout"
    ),
]
