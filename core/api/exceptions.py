"""Turn database refusals into 4xx answers that say what went wrong, never a bare 500.

DRF only knows its own exceptions; a protected foreign key, a violated constraint or a
request body over Django's size limit would otherwise surface as a 500 or an HTML page.
"""

from django.core.exceptions import SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback

from core.deletion import RecordInUse


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [exc.__class__.__name__])[0][:300]


def _leaf_codes(codes):
    if isinstance(codes, dict):
        for value in codes.values():
            yield from _leaf_codes(value)
    elif isinstance(codes, list):
        for value in codes:
            yield from _leaf_codes(value)
    else:
        yield codes


def is_conflict(exc: ValidationError) -> bool:
    """Whether every complaint is a conflict with stored data rather than a bad body.

    The body is well formed, but another record already has that slug or number, or the
    record's current state forbids the change (code "conflict"): HTTP calls that 409.
    """
    codes = list(_leaf_codes(exc.get_codes()))
    return bool(codes) and all(code in CONFLICT_CODES for code in codes)


CONFLICT_CODES = {"unique", "unique_together", "conflict"}


def registry_exception_handler(exc, context):
    response = exception_handler(exc, context)
    if response is not None:
        if isinstance(exc, ValidationError) and is_conflict(exc):
            response.status_code = status.HTTP_409_CONFLICT
        return response

    if isinstance(exc, RecordInUse):
        body = {"detail": str(exc), "referenced_by": [str(b) for b in exc.blockers]}
        code = status.HTTP_409_CONFLICT
    elif isinstance(exc, ProtectedError | RestrictedError):
        protected = (
            exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        )
        examples = [str(o) for o in list(protected)[:5]]
        body = {
            "detail": "This record is referenced by other records and cannot be deleted.",
            "referenced_by": examples,
        }
        code = status.HTTP_409_CONFLICT
    elif isinstance(exc, DjangoValidationError):
        body = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        code = status.HTTP_400_BAD_REQUEST
    elif isinstance(exc, IntegrityError):
        body = {"detail": f"The data breaks a database rule: {_first_line(exc)}"}
        code = status.HTTP_400_BAD_REQUEST
    elif isinstance(exc, DataError):
        body = {"detail": f"A value does not fit its field: {_first_line(exc)}"}
        code = status.HTTP_400_BAD_REQUEST
    elif isinstance(exc, SuspiciousOperation):
        body = {"detail": f"Request refused: {_first_line(exc)}"}
        code = status.HTTP_400_BAD_REQUEST
    else:
        return None

    set_rollback()
    return Response(body, status=code)
