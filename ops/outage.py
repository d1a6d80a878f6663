"""What a visitor gets while the database is unreachable: a 503, never a traceback."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from core.api.exceptions import error_response

logger = logging.getLogger("ops.outage")

# Exceptions that mean "the database is not there", as opposed to a bug in a query.
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def is_database_down(exception: BaseException | None) -> bool:
    return isinstance(exception, DATABASE_DOWN)


def outage_response(request: HttpRequest) -> HttpResponse:
    """503 in the form the client reads: JSON under /api/, a plain HTML page elsewhere."""
    if request.path.startswith("/api/"):
        response = error_response(503, "The database is unavailable. Please retry shortly.")
    else:
        response = HttpResponse(render_to_string("ops/503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    """Turns a database outage raised by a view (or its template) into a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_down(exception):
            return None
        logger.error("Database unavailable on %s: %s", request.path, exception)
        return outage_response(request)
