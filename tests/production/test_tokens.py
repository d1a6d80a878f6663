"""API tokens: issued per user in the admin, expiring after API_TOKEN_TTL_DAYS, revocable."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

MECHANISMS = "/api/v1/mechanisms/"


def auth(token: Token) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {token.key}"}


def age(token: Token, days: float) -> None:
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - timedelta(days=days))


def create_mechanism(client, token, slug):
    return client.post(
        MECHANISMS,
        {"slug": slug, "name": f"Token test {slug}"},
        content_type="application/json",
        **auth(token),
    )


@pytest.fixture
def admin_client_(django_user_model):
    """A separate browser session for the admin, so API calls in `client` carry no session."""
    user = django_user_model.objects.create_superuser("token-admin", password="x-pass-123")
    admin = Client()
    admin.force_login(user)
    return admin


def test_admin_issues_a_token_for_a_user_that_can_write(admin_client_, editor, client):
    response = admin_client_.post(reverse("admin:authtoken_tokenproxy_add"), {"user": editor.pk})
    assert response.status_code == 302, response.content
    token = Token.objects.get(user=editor)
    assert create_mechanism(client, token, "token-made").status_code == 201


def test_fresh_token_works_until_its_ttl(client, editor):
    token = Token.objects.create(user=editor)
    age(token, settings.API_TOKEN_TTL_DAYS - 1)
    assert client.get(MECHANISMS, **auth(token)).status_code == 200
    assert create_mechanism(client, token, "still-valid").status_code == 201


def test_expired_token_is_401(client, editor):
    token = Token.objects.create(user=editor)
    age(token, settings.API_TOKEN_TTL_DAYS + 1)
    response = client.get(MECHANISMS, **auth(token))
    assert response.status_code == 401
    assert response.json()["detail"] == "Token has expired."
    assert response.headers["WWW-Authenticate"] == "Token"
    assert create_mechanism(client, token, "too-late").status_code == 401


def test_ttl_comes_from_settings(client, editor, settings):
    settings.API_TOKEN_TTL_DAYS = 1
    token = Token.objects.create(user=editor)
    age(token, 2)
    assert client.get(MECHANISMS, **auth(token)).status_code == 401


def test_revoked_token_is_401(admin_client_, editor, client):
    token = Token.objects.create(user=editor)
    assert client.get(MECHANISMS, **auth(token)).status_code == 200
    # Revoking = deleting it in the admin (the token admin is keyed by user).
    response = admin_client_.post(
        reverse("admin:authtoken_tokenproxy_delete", args=[editor.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Token.objects.filter(user=editor).exists()
    response = client.get(MECHANISMS, **auth(token))
    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid token."


def test_token_endpoint_replaces_an_expired_token(client, django_user_model):
    user = django_user_model.objects.create_user("analyst", password="analyst-pass-123")
    old = Token.objects.create(user=user)
    age(old, settings.API_TOKEN_TTL_DAYS + 1)
    response = client.post(
        "/api/v1/auth/token/", {"username": "analyst", "password": "analyst-pass-123"}
    )
    assert response.status_code == 200
    new_key = response.json()["token"]
    assert new_key != old.key
    assert client.get(MECHANISMS, HTTP_AUTHORIZATION=f"Token {new_key}").status_code == 200
    assert client.get(MECHANISMS, **auth(old)).status_code == 401
