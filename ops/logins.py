"""Login protection: django-axes counts failed logins and locks out repeated failures."""

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.http import HttpResponse
from django.template.loader import render_to_string

from core.api.exceptions import error_response


class LoginAttemptsBackend(AxesStandaloneBackend):
    """Axes' lockout check, for logins that come from a request.

    Axes refuses any ``authenticate()`` call without a request. Every login over HTTP (admin
    form, token endpoint) passes one; the calls without one are in-process (the test client's
    ``login()``), where there is no client to lock out.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_minutes(request) -> int:
    cool_off = get_cool_off(request)
    return max(1, round(cool_off.total_seconds() / 60)) if cool_off else 0


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """429 with a message a person can act on: JSON for the API, a page for the admin."""
    minutes = lockout_minutes(request)
    message = (
        f"Too many failed login attempts. Try again in {minutes} minutes."
        if minutes
        else "Too many failed login attempts. Ask an administrator to unlock the account."
    )
    if request.path.startswith("/api/"):
        response = error_response(429, message, code="locked_out")
    else:
        response = HttpResponse(
            render_to_string("ops/lockout.html", {"message": message}), status=429
        )
    if minutes:
        response["Retry-After"] = str(minutes * 60)
    return response
