"""Reading the API's one error shape in tests (see core.api.exceptions)."""


def fields(response) -> set:
    """The fields (query parameters, body fields; None for the request as a whole) that an
    error answer names."""
    return {error["field"] for error in response.json()["errors"]}


def messages(response, field) -> list[str]:
    return [e["message"] for e in response.json()["errors"] if e["field"] == field]
