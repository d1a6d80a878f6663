"""Operational endpoints: the health check and the last-resort error handler."""

import sys

from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.defaults import page_not_found
from django.views.defaults import server_error as default_server_error

from core.api.exceptions import error_response

from .outage import is_database_down, outage_response


@never_cache
@transaction.non_atomic_requests  # its own probe, not a savepoint that would fail first
def healthz(request):
    """200 when the database answers a query, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request, template_name="500.html"):
    """handler500: a database outage raised outside a view (e.g. while saving the session)
    still answers 503; anything else is Django's 500 page."""
    if is_database_down(sys.exc_info()[1]):
        return outage_response(request)
    return default_server_error(request, template_name)


def not_found(request, exception):
    """handler404: JSON under /api/ (a path the URL patterns reject, e.g. a malformed slug,
    never reaches DRF), the site's 404 page elsewhere."""
    if request.path.startswith("/api/"):
        return error_response(404, _("Not found."))
    return page_not_found(request, exception)
