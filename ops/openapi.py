"""OpenAPI postprocessing: what every operation can answer besides success, who may call
it, how CSV is typed, and the plain views (the dump) drf-spectacular does not see.

drf-spectacular describes the success response of each operation. The API also answers,
on every operation, errors in one JSON shape (``core.api.exceptions``); reads need no
credentials (``security: []``, so a generated client calls them without a token); a list's
``text/csv`` answer is text, not the JSON schema drf-spectacular copies onto every renderer.
"""

import copy

from core.api.exceptions import STATUS_CODES

ERROR_SCHEMA = {
    "type": "object",
    "description": (
        "Every error under /api/, whatever format was asked for: `detail` is a one-line "
        "summary, `errors` one entry per problem (`field` names the query parameter or body "
        "field, null for the request as a whole). Some answers add keys, e.g. "
        "`referenced_by` on a 409 to a delete."
    ),
    "required": ["detail", "errors"],
    "additionalProperties": True,
    "properties": {
        "detail": {"type": "string"},
        "errors": {"type": "array", "items": {"$ref": "#/components/schemas/ErrorItem"}},
    },
}
ERROR_ITEM_SCHEMA = {
    "type": "object",
    "required": ["field", "code", "message"],
    "properties": {
        "field": {"type": "string", "nullable": True},
        "code": {
            "type": "string",
            "description": "A short machine-readable code, e.g. "
            + ", ".join(f"`{code}`" for code in sorted(set(STATUS_CODES.values()))[:8])
            + ", `invalid_choice`, `repeated`, `invalid_page`.",
        },
        "message": {"type": "string"},
    },
}

ERRORS = {
    "400": "Invalid query parameter (unknown, repeated, malformed page or format) or body.",
    "401": "Missing, invalid, expired or revoked credentials.",
    "403": "Authenticated, but without the permission this needs.",
    "404": "No such record.",
    "429": "Too many requests (throttled) or too many failed logins.",
    "503": "The database is unavailable; retry after `Retry-After` seconds.",
}
READ_ERRORS = {"406": "No format this endpoint serves matches the Accept header."}
DELETE_ERRORS = {"409": "Other records reference this one; the answer names them."}
WRITE_ERRORS = {
    "409": "Another record already has this key (slug, number...); the answer names the field.",
    "413": "The request body is over the size limit.",
    "415": "The body is not JSON (send Content-Type: application/json).",
}

DUMP_PATH = "/api/v1/dump/"
DUMP_OPERATION = {
    "operationId": "dump_retrieve",
    "summary": "Every public table at once, as a zip",
    "description": (
        "A zip holding `csv/<app>_<model>.csv` (one file per table, an `id` column and the "
        "same column names and list separator `|` as the API's CSV), a link file per "
        "many-to-many relation, `data.json` (Django natural-key serialization, what "
        "`manage.py load_dump` reads) and `manifest.json` (format version, migration heads, "
        "row counts). Takes no query parameters: any is a 400."
    ),
    "tags": ["dump"],
    "security": [],
    "responses": {
        "200": {
            "description": "The dump.",
            "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
        },
    },
}


def _error(description):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _type_csv_as_text(operation) -> None:
    """A success answer in ``text/csv`` is text (a generated client would parse it as the
    JSON schema drf-spectacular copies there)."""
    for code, response in operation.get("responses", {}).items():
        content = response.get("content", {})
        if code.startswith("2") and "text/csv" in content:
            content["text/csv"] = {
                "schema": {
                    "type": "string",
                    "description": "CSV: a header row, then one row per record "
                    "(lists joined by `|`). Without `page`, every matching row.",
                }
            }


def document_error_responses(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", ERROR_SCHEMA)
    components.setdefault("ErrorItem", ERROR_ITEM_SCHEMA)
    paths = result.setdefault("paths", {})
    paths.setdefault(DUMP_PATH, {"get": copy.deepcopy(DUMP_OPERATION)})
    for methods in paths.values():
        for method, operation in methods.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            _type_csv_as_text(operation)
            errors = {
                **ERRORS,
                **(READ_ERRORS if method in ("get", "head") else {}),
                **(DELETE_ERRORS if method == "delete" else {}),
                **(WRITE_ERRORS if method in ("post", "put", "patch") else {}),
            }
            for code, description in errors.items():
                operation["responses"].setdefault(code, _error(description))
            if method in ("get", "head"):
                # Anonymous reads: no credentials needed (a token or session still counts,
                # e.g. for a secretariat's own drafts).
                operation["security"] = []
    return result
