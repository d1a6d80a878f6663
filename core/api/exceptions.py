"""One error shape for every answer under /api/, and 4xx (never a bare 500) for refusals the
database makes.

Every error is JSON, whatever format the request asked for (an error body in CSV would be
read as data)::

    {"detail": "<one-line summary>",
     "errors": [{"field": "<name>" or null, "code": "<code>", "message": "<text>"}]}

``field`` names the query parameter or body field at fault (``answers.0.choices`` inside
nested bodies), null when the error is about the request as a whole. An answer may add keys
(a 409 on delete adds ``referenced_by``); it never leaves these out.

DRF only knows its own exceptions; a protected foreign key, a violated constraint or a
request body over Django's size limit would otherwise surface as a 500 or an HTML page.
"""

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback

from core.deletion import RecordInUse

# The code of an error that DRF gives without one, per status.
STATUS_CODES = {
    400: "invalid",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    412: "precondition_failed",
    413: "too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    429: "throttled",
    503: "unavailable",
}


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


def error(field: str | None, code: str, message: str) -> dict:
    return {"field": field, "code": str(code), "message": str(message)}


def flatten_errors(data, default_code: str, field: str | None = None) -> list[dict]:
    """``{"a": ["msg"], "b": {"0": ...}}`` (DRF's shape) as a flat list of errors."""
    if isinstance(data, dict):
        if set(data) == {"detail"} and field is None:
            return flatten_errors(data["detail"], default_code, None)
        found = []
        for key, value in data.items():
            name = None if key in ("non_field_errors", "detail", "__all__") else str(key)
            if field is not None:
                name = f"{field}.{key}" if name else field
            found += flatten_errors(value, default_code, name)
        return found
    if isinstance(data, list):
        found = []
        for index, value in enumerate(data):
            nested = isinstance(value, dict | list) and field is not None
            found += flatten_errors(value, default_code, f"{field}.{index}" if nested else field)
        return found
    code = getattr(data, "code", None) or default_code
    return [error(field, code, data)]


def summary(errors: list[dict], fallback: str) -> str:
    if not errors:
        return fallback
    first = errors[0]
    text = f"{first['field']}: {first['message']}" if first["field"] else first["message"]
    if len(errors) > 1:
        text += " " + _("(and %(count)s more)") % {"count": len(errors) - 1}
    return text


def error_body(status_code: int, data, extra: dict | None = None) -> dict:
    """The one error shape, from DRF's data (a dict of lists, a list, a string)."""
    code = STATUS_CODES.get(status_code, "error")
    errors = flatten_errors(data, code)
    if isinstance(data, dict) and isinstance(data.get("detail"), str) and len(data) == 1:
        detail = str(data["detail"])
    else:
        detail = summary(errors, _("Invalid request."))
    return {"detail": detail, "errors": errors, **(extra or {})}


def error_response(
    status_code: int, message: str, *, field=None, code=None, extra=None
) -> JsonResponse:
    """An error in the API's shape from a plain Django view (404, 429, 503, the dump)."""
    body = {
        "detail": message,
        "errors": [error(field, code or STATUS_CODES.get(status_code, "error"), message)],
        **(extra or {}),
    }
    return JsonResponse(body, status=status_code)


def _force_json(context) -> None:
    """Errors are JSON whatever format was asked for (the browsable API shows that JSON)."""
    request = context.get("request")
    if request is None:
        return
    if isinstance(getattr(request, "accepted_renderer", None), BrowsableAPIRenderer):
        return
    request.accepted_renderer = JSONRenderer()
    request.accepted_media_type = JSONRenderer.media_type


def registry_exception_handler(exc, context):
    response = exception_handler(exc, context)
    if response is not None:
        if isinstance(exc, ValidationError) and is_conflict(exc):
            response.status_code = status.HTTP_409_CONFLICT
        response.data = error_body(response.status_code, response.data)
        response.content_type = None  # the renderer chosen below sets it
        _force_json(context)
        return response

    extra = None
    if isinstance(exc, RecordInUse):
        data = {"detail": ErrorDetail(str(exc), code="in_use")}
        extra = {"referenced_by": [str(b) for b in exc.blockers]}
        code = status.HTTP_409_CONFLICT
    elif isinstance(exc, ProtectedError | RestrictedError):
        protected = (
            exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        )
        data = {
            "detail": ErrorDetail(
                "This record is referenced by other records and cannot be deleted.",
                code="in_use",
            )
        }
        extra = {"referenced_by": [str(o) for o in list(protected)[:5]]}
        code = status.HTTP_409_CONFLICT
    elif isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            data = {
                name: [ErrorDetail(m, code="invalid") for m in messages]
                for name, messages in exc.message_dict.items()
            }
        else:
            data = [ErrorDetail(m, code="invalid") for m in exc.messages]
        code = status.HTTP_400_BAD_REQUEST
    elif isinstance(exc, IntegrityError):
        message = f"The data breaks a database rule: {_first_line(exc)}"
        data = {"detail": ErrorDetail(message, code="integrity")}
        code = status.HTTP_400_BAD_REQUEST
    elif isinstance(exc, DataError):
        message = f"A value does not fit its field: {_first_line(exc)}"
        data = {"detail": ErrorDetail(message, code="data")}
        code = status.HTTP_400_BAD_REQUEST
    elif isinstance(exc, RequestDataTooBig):
        message = f"Request body too large: {_first_line(exc)}"
        data = {"detail": ErrorDetail(message, code="too_large")}
        code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    elif isinstance(exc, SuspiciousOperation):
        message = f"Request refused: {_first_line(exc)}"
        data = {"detail": ErrorDetail(message, code="suspicious")}
        code = status.HTTP_400_BAD_REQUEST
    else:
        return None

    set_rollback()
    _force_json(context)
    return Response(error_body(code, data, extra), status=code)
