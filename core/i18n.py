"""The registry in English, French and Spanish: which language a request is answered in.

- **Pages** live at their English paths (``/mechanisms/``) and under ``/fr/`` and ``/es/``
  (``i18n_patterns`` without a prefix for English, so no English URL changed). A page's
  language is its path's: an unprefixed path is English.
- **A first visit** to an unprefixed page (no language cookie) honours ``Accept-Language``:
  a browser preferring French or Spanish is redirected to the ``/fr/`` or ``/es/`` page. A
  reader who picked a language with the switcher (``/language/<code>/?next=...``, plain
  links, no JavaScript) has it in the ``django_language`` cookie, which wins over the
  browser's header from then on, English included.
- **The API** (``/api/``) is never prefixed and its URLs do not change: ``?lang=fr|es|en``,
  else ``Accept-Language``, chooses the language of translated fields and error messages;
  an unknown ``?lang`` answers 400 in the API's error shape.
- **The admin** follows the reader's choice (cookie, else ``Accept-Language``); its pages
  carry the switcher too, which keeps their one, unprefixed address.

The response cache (``core.cache``) keys on :func:`cache_language`, which holds everything
the answer's language (or a redirect) depends on.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
# Paths outside i18n_patterns: never prefixed, never redirected.
UNPREFIXED = ("/api/", "/admin/", "/healthz", "/static/", "/language/")


def _is_api(path: str) -> bool:
    return path.startswith("/api/")


def _from_path(path: str) -> str | None:
    return translation.get_language_from_path(path)


def _from_header(request) -> str:
    """The best of our languages in ``Accept-Language`` (English when none is ours)."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _q in translation.trans_real.parse_accept_lang_header(header):
        if code == "*":
            break
        base = code.split("-")[0].lower()
        if base in LANGUAGE_CODES:
            return base
    return settings.LANGUAGE_CODE


def preferred_language(request) -> str:
    """The reader's choice: the switcher's cookie, else the browser's ``Accept-Language``."""
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie in LANGUAGE_CODES:
        return cookie
    return _from_header(request)


def api_language(request) -> tuple[str, str | None]:
    """The API's language and the bad ``?lang`` value, if one was given."""
    values = request.GET.getlist("lang")
    if values:
        if len(values) == 1 and values[0] in LANGUAGE_CODES:
            return values[0], None
        return settings.LANGUAGE_CODE, ",".join(values)[:20]
    return _from_header(request), None


def request_language(request) -> str:
    path = request.path_info
    if _is_api(path):
        return api_language(request)[0]
    if path.startswith("/admin/"):
        return preferred_language(request)
    return _from_path(path) or settings.LANGUAGE_CODE


def _redirect_target(request) -> str | None:
    """The ``/fr/`` or ``/es/`` page to send a first visit to, if any."""
    path = request.path_info
    if request.method not in ("GET", "HEAD") or path.startswith(UNPREFIXED):
        return None
    if _from_path(path):
        return None
    wanted = preferred_language(request)
    if wanted == settings.LANGUAGE_CODE:
        return None
    target = f"/{wanted}{path}"
    with translation.override(wanted):  # a /fr/ path resolves only with French active
        valid = is_valid_path(target, getattr(request, "urlconf", None))
    if not valid:
        return None
    query = request.META.get("QUERY_STRING", "")
    return request.META.get("SCRIPT_NAME", "") + target + (f"?{query}" if query else "")


def cache_language(request) -> str:
    """What the answer's language depends on, for the response cache's key."""
    served = request_language(request)
    path = request.path_info
    if not path.startswith(UNPREFIXED) and not _from_path(path):
        # An unprefixed page answers English or redirects: by cookie and Accept-Language.
        return f"{served}>{preferred_language(request)}"
    return served


class RegistryLocaleMiddleware:
    """Takes the place of Django's LocaleMiddleware (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if _is_api(path):
            language, bad = api_language(request)
            if bad is not None:
                translation.activate(_from_header(request))
                from core.api.exceptions import error_response

                message = _("Unknown language %(value)s. Known: %(known)s.") % {
                    "value": bad,
                    "known": ", ".join(LANGUAGE_CODES),
                }
                response = error_response(400, message, field="lang", code="invalid_choice")
                patch_vary_headers(response, ("Accept-Language",))
                return response
        else:
            target = _redirect_target(request)
            if target:
                response = HttpResponseRedirect(target)
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
                return response
            language = request_language(request)
        previous = translation.get_language()
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        try:
            response = self.get_response(request)
        finally:
            # The thread's language goes back as it was: nothing after this request (another
            # request, a management command, a test) runs in this one's language.
            if previous:
                translation.activate(previous)
            else:
                translation.deactivate()
        if response.streaming and not response.is_async:
            response.streaming_content = _in_language(response.streaming_content, language)
        if _is_api(path):
            if "lang" not in request.GET:
                patch_vary_headers(response, ("Accept-Language",))
        elif not _from_path(path):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


def _in_language(chunks, language):
    """A streamed answer (a whole CSV) is written after the view returns: in its language."""
    with translation.override(language):
        yield from chunks


@never_cache
def switch_language(request, code):
    """``/language/<code>/?next=<path>``: remember the choice, go to that page in it."""
    if code not in LANGUAGE_CODES:
        from django.http import Http404

        raise Http404
    next_url = request.GET.get("next", "/")
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    path, _sep, query = next_url.partition("?")
    current = _from_path(path)
    if current:
        path = path[len(current) + 1 :] or "/"
    # The admin has one address in every language (it follows the cookie): no prefix.
    if code != settings.LANGUAGE_CODE and not path.startswith(UNPREFIXED):
        path = f"/{code}{path}"
    target = path + (f"?{query}" if query else "")
    return remember_language(HttpResponseRedirect(target), code)


def remember_language(response, code: str):
    """``response`` setting the language cookie, which wins over ``Accept-Language`` from
    then on (the switcher and a secretariat's choice both set it)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response
