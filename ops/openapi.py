"""OpenAPI postprocessing: document what every operation can answer besides success.

drf-spectacular describes the success response of each operation. The API also answers, on




"""

ERROR_SCHEMA = {
    "type": "object",
    "description": "`detail` says what went wrong; a 400 may instead name each invalid field.",
    "additionalProperties": True,
    "properties": {"detail": {"type": "string"}},
}

ERRORS = {
    "400": "Invalid query parameter or request body.",
    "401": "Missing, invalid, expired or revoked credentials.",
    "403": "Authenticated, but without the permission this needs.",
    "404": "No such record or page.",
    "429": "Too many requests (throttled) or too many failed logins.",
    "503": "The database is unavailable; retry after `Retry-After` seconds.",
}
DELETE_ERRORS = {"409": "Other records reference this one; the answer names them."}
WRITE_ERRORS = {
    "409": "Another record already has this key (slug, number...); the answer names the field.",
    "415": "The body is not JSON (send Content-Type: application/json).",
}


def document_error_responses(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", ERROR_SCHEMA)
    reference = {"$ref": "#/components/schemas/Error"}
    for methods in result.get("paths", {}).values():
        for method, operation in methods.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            errors = {
                **ERRORS,
                **(DELETE_ERRORS if method == "delete" else {}),
                **(WRITE_ERRORS if method in ("post", "put", "patch") else {}),
            }
            for code, description in errors.items():
                operation["responses"].setdefault(
                    code,
                    {
                        "description": description,
                        "content": {
                            "application/json": {"schema": reference},
                            # ?format=csv answers errors in CSV too.
                            "text/csv": {"schema": {"type": "string"}},
                        },
                    },
                )
            # gunicorn refuses an over-long request line itself, with a small HTML page.
            operation["responses"].setdefault(
                "414",
                {
                    "description": "Request line too long (gunicorn's limit, before the app).",
                    "content": {"text/html": {"schema": {"type": "string"}}},
                },
            )
            if method in ("get", "head"):
                security = operation.setdefault("security", [])
                if {} not in security:
                    security.append({})  # anonymous reads are allowed
    return result
