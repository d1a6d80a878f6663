"""Writes checked against the version the client read: ``ETag`` and ``If-Match``.

A record's version is a digest of its detail representation as the API shows it, so it
changes whenever anything the client could have read changes (a field, a relation, a
nested list) and needs no column of its own. ``GET`` of a record answers it as ``ETag``;
``PUT``, ``PATCH`` and ``DELETE`` with ``If-Match`` are refused with 412 when the record no
longer has that version. A write without ``If-Match`` is accepted as before (analysts'
scripts send none): it still waits for any concurrent write of the same record (a row lock)
and a ``PATCH`` writes only the fields it names.
"""

from __future__ import annotations

import hashlib
import json

from django.utils.http import parse_etags
from rest_framework import status
from rest_framework.exceptions import APIException


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "The record changed since you read it (If-Match does not match its ETag). "
        "GET it again and reapply your change."
    )
    default_code = "precondition_failed"


def etag_of(data) -> str:
    """A strong ETag for a representation (the parsed data, not its bytes: JSON and CSV of
    one record share it)."""
    payload = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return '"' + hashlib.sha256(payload.encode()).hexdigest()[:32] + '"'


def check_if_match(request, current_etag) -> None:
    """Raise ``PreconditionFailed`` unless ``If-Match`` is absent, ``*`` or lists the
    record's current ETag. ``current_etag`` is a callable: computed only when asked."""
    header = request.headers.get("If-Match")
    if header is None:
        return
    if header.strip() == "*":
        return
    # A weak validator (W/"...", as a compressing proxy may rewrite it) names the same state.
    sent = {tag.removeprefix("W/") for tag in parse_etags(header)}
    if current_etag() not in sent:
        raise PreconditionFailed()


IF_MATCH_DESCRIPTION = (
    "The record's `ETag` from your last GET. If the record has changed since, the write is "
    "refused with 412 and changes nothing. Optional: without it the write is applied to the "
    "record as it is now."
)
ETAG_DESCRIPTION = "The record's version; send it back as `If-Match` on PUT, PATCH or DELETE."
PRECONDITION_DESCRIPTION = "The record changed since the ETag sent in `If-Match`."


def document_versions(result, generator, request, public):
    """drf-spectacular hook: ``If-Match`` and 412 on every write of a record, ``ETag`` on
    every read of one."""
    schemas = result.get("components", {}).get("schemas", {})
    error = {"$ref": "#/components/schemas/Error"} if "Error" in schemas else {"type": "object"}
    for path, operations in result.get("paths", {}).items():
        if not path.rstrip("/").endswith("}") or not path.startswith("/api/v1/"):
            continue
        for method, operation in operations.items():
            if method in ("put", "patch", "delete"):
                parameters = operation.setdefault("parameters", [])
                if not any(p.get("name") == "If-Match" for p in parameters):
                    parameters.append(
                        {
                            "in": "header",
                            "name": "If-Match",
                            "required": False,
                            "schema": {"type": "string"},
                            "description": IF_MATCH_DESCRIPTION,
                        }
                    )
                operation.setdefault("responses", {})["412"] = {
                    "description": PRECONDITION_DESCRIPTION,
                    # Errors are JSON whatever format was asked for (core.api.exceptions).
                    "content": {"application/json": {"schema": error}},
                }
            if method in ("get", "put", "patch"):
                ok = operation.get("responses", {}).get("200")
                if ok is not None:
                    ok.setdefault("headers", {})["ETag"] = {
                        "schema": {"type": "string"},
                        "description": ETAG_DESCRIPTION,
                    }
    return result
