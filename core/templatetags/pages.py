"""Small template helpers shared by the public pages."""

from urllib.parse import quote

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.svg import svg_number

register = template.Library()


def as_translate_outputs(translation: str):
    """A translated literal as ``{% translate %}`` outputs it: as is, not escaped (the
    project's own text, reviewed with the catalogues). Call it on ``gettext("...")`` so
    makemessages finds the text."""
    return mark_safe(translation)  # noqa: S308


def unprefixed(path: str) -> str:
    """A page's path without its ``/fr`` or ``/es`` prefix (its English path)."""
    code = translation.get_language_from_path(path)
    if code and path.startswith(f"/{code}/"):
        return path[len(code) + 1 :]
    return path


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in each language: for the switcher and the ``hreflang`` alternates.

    Each keeps the query string (a filtered list stays filtered). ``switch`` goes through
    ``/language/<code>/``, which remembers the choice in a cookie (core.i18n).
    """
    request = context.get("request")
    if request is None:
        return []
    from core.i18n import UNPREFIXED

    path = unprefixed(request.path)
    query = request.META.get("QUERY_STRING", "")
    current_code = translation.get_language()
    versions = []
    for code, name in settings.LANGUAGES:
        # The admin's pages have one address in every language (core.i18n): no prefix.
        same = code == settings.LANGUAGE_CODE or path.startswith(UNPREFIXED)
        url = path if same else f"/{code}{path}"
        if query:
            url += f"?{query}"
        versions.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute": request.build_absolute_uri(url),
                "switch": f"/language/{code}/?next={quote(url, safe='/')}",
                "current": code == current_code,
            }
        )
    return versions


@register.simple_tag(takes_context=True)
def current(context, prefix):
    """``aria-current="page"`` for the navigation link whose section the page is in."""
    request = context.get("request")
    if request is None:
        return ""
    path = unprefixed(request.path)
    matches = path == "/" if prefix == "/" else path.startswith(prefix)
    # A constant attribute: marked safe, else autoescaping prints aria-current=&quot;page&quot;.
    return mark_safe('aria-current="page"') if matches else ""  # noqa: S308


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (empty value: removed).

    Used for sort links and the CSV download so a shared view keeps its filters.
    """
    request = context["request"]
    params = request.GET.copy()
    for key, value in changes.items():
        if value in ("", None):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def percent_width(value):
    """A bar width in percent, clamped to 0–100, for an SVG attribute: text with a decimal
    point in every language (a float would print "37,5" on French pages, which no browser
    draws)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "0"
    return svg_number(max(0, min(100, round(number, 1))))


@register.simple_tag
def bar(value):
    """A horizontal bar for a percentage (0–100), as the include it replaces drew it.

    SVG with the width as an attribute, not inline CSS, so the Content-Security-Policy
    (style-src without 'unsafe-inline') allows it. Decorative: the number is always printed
    as text beside it. A tag, not an include: the survey and home pages draw one per row.
    """
    return format_html(
        '<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"'
        ' focusable="false"><rect class="bar-bg" x="0" y="0" width="100" height="10"></rect>'
        '<rect class="bar-fill" x="0" y="0" width="{}" height="10"></rect></svg>\n',
        percent_width(value),
    )


@register.filter
def note_label(document):
    """A short label for a source in dense tables: the note's number (``002``) or its slug."""
    seed_file = getattr(document, "seed_file", "") or ""
    return seed_file[:3] if seed_file[:3].isdigit() else document.slug


@register.filter
def figure_value(value, unit):
    """A published or computed figure as the report would print it: 67%, 10, rank 1."""
    if value is None:
        return "—"
    number = f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value}"
    if unit == "percent":
        return f"{number}%"
    if unit == "rank":
        return gettext("rank %(number)s") % {"number": number}
    return number


@register.simple_tag
def translation_of(instance, field):
    """``{% translation_of obj "name" as name %}``: ``name.text`` in the reader's language
    where an editor translated it, else the English text with ``name.missing`` set."""
    from core.models import translated

    text, shown = translated(instance, field)
    return {"text": text, "missing": not shown}


@register.simple_tag
def tr(instance, field, words=0):
    """The field in the reader's language, or the English text marked "not translated".
    ``words=30``: cut to 30 words."""
    from core.models import translated_html

    return translated_html(instance, field, words=words)


@register.simple_tag
def acronym_name(record):
    """``IGAD — <name>`` as ``__str__`` writes it, the name in the reader's language (an
    English name marked "not translated")."""
    from django.utils.html import format_html

    from core.models import translated_html

    name = translated_html(record, "name")
    return format_html("{} — {}", record.acronym, name) if record.acronym else name


@register.simple_tag
def objective_label(objective):
    """``Objective 6: <title>`` in the reader's language, an English title marked."""
    from core.models import objective_label as label

    return label(objective, html=True)


@register.filter
def trtext(instance, field):
    """The field in the reader's language, else in English (plain text: titles, attributes)."""
    from core.models import translated

    return translated(instance, field)[0]


@register.filter
def trtext_marked(instance, field):
    """Plain text with the mark spelled out, for an ``<option>``: "<English> (not translated)"."""
    from core.models import translated_text

    return translated_text(instance, field)
