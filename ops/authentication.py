"""Expiring API tokens for DRF. Kept apart from the token view: DRF imports this module
while importing its own views, so it must not import views itself."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token


def token_ttl() -> timedelta:
    return timedelta(days=settings.API_TOKEN_TTL_DAYS)


def token_expires(token: Token):
    return token.created + token_ttl()


def token_is_expired(token: Token) -> bool:
    return token_expires(token) <= timezone.now()


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing tokens older than API_TOKEN_TTL_DAYS (401)."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_is_expired(token):
            raise exceptions.AuthenticationFailed("Token has expired.")
        return user, token
