"""The API token endpoint: one expiring token per user, also issued in the admin (Tokens)
and revoked by deleting it there."""

from django.contrib.auth import get_user_model
from django.db import transaction
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from core.api.parsers import RegistryJSONParser

from .authentication import token_expires, token_is_expired
from .logins import lockout_response


class CredentialsSerializer(AuthTokenSerializer):
    """Username and password, bounded: a 10,000-character username is malformed (400),
    not merely wrong (401)."""

    username = serializers.CharField(
        label="Username",
        write_only=True,
        max_length=get_user_model()._meta.get_field("username").max_length,
    )
    password = serializers.CharField(
        label="Password",
        style={"input_type": "password"},
        trim_whitespace=False,
        write_only=True,
        max_length=4096,
    )


class ObtainExpiringAuthToken(ObtainAuthToken):
    """POST username and password, get the user's token and when it expires.

    An expired token is replaced by a new one. Failed attempts count towards django-axes'
    lockout; once locked out the answer is 429.
    """

    serializer_class = CredentialsSerializer
    # Forms as ObtainAuthToken takes them; JSON through the registry's parser (a body of
    # any shape is a 400, never a 500).
    parser_classes = (FormParser, MultiPartParser, RegistryJSONParser)

    # Anonymous users obtain tokens; the throttles of the API still apply.
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        valid = serializer.is_valid()
        # Axes marks the DRF request it was given, which the middleware never sees.
        if getattr(request, "axes_locked_out", False):
            return lockout_response(request._request)
        if not valid:
            # Returned, not raised: DRF's handler would mark the surrounding transaction for
            # rollback, and this view runs outside the per-request one.
            codes = serializer.errors.get("non_field_errors", [])
            if codes and all(error.code == "authorization" for error in codes):
                # Well-formed but wrong credentials: not authenticated, which is a 401.
                return Response(
                    serializer.errors, status=401, headers={"WWW-Authenticate": "Token"}
                )
            return Response(serializer.errors, status=400)
        user = serializer.validated_data["user"]
        with transaction.atomic():
            token, created = Token.objects.select_for_update().get_or_create(user=user)
            if not created and token_is_expired(token):
                token.delete()
                token = Token.objects.create(user=user)
        return Response({"token": token.key, "expires": token_expires(token)})


# Failed attempts are recorded by axes inside the request; a per-request transaction would
# roll them back with the 400 and the lockout would never trigger.
obtain_expiring_auth_token = transaction.non_atomic_requests(ObtainExpiringAuthToken.as_view())
