"""Small template helpers shared by the public pages."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def current(context, prefix):
    """``aria-current="page"`` for the navigation link whose section the page is in."""
    request = context.get("request")
    if request is None:
        return ""
    path = request.path
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
    """A bar width in percent, clamped to 0–100, for inline ``style``."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0
    return max(0, min(100, round(number, 1)))


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
        return f"rank {number}"
    return number
