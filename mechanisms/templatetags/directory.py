"""The directory's table rows, one ``format_html`` per mechanism.

A row written as template tags was about 40 nodes (each variable looked up, each value
escaped, each ``{% tr %}`` asking for the active language): most of the directory's
render. Built here, the markup is the one the template had, byte for byte; the cell labels
(shown when the table stacks on a phone) are translated once per table.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from core.models import translated_html
from core.templatetags.pages import as_translate_outputs, note_label

register = template.Library()

_ROW = (
    "<tr>\n"
    '      <td data-label="{label_mechanism}"><a href="{url}">{name}</a>{acronym}</td>\n'
    '      <td data-label="{label_kind}">{kind}</td>\n'
    '      <td data-label="{label_regions}">{regions}</td>\n'
    '      <td data-label="{label_status}">{status}</td>\n'
    '      <td class="num" data-label="{label_objectives}">{objective_count}</td>\n'
    '      <td data-label="{label_sources}">{sources}</td>\n'
    "    </tr>"
)
# Between rows, the whitespace the template's loop left (kept so the page is unchanged).
_GAP = "\n    \n    "
_NONE = mark_safe('<span class="muted">—</span>')  # noqa: S308


@register.simple_tag
def directory_rows(mechanisms):
    """The ``<tbody>`` rows for ``mechanisms`` (from ``filter_mechanisms``: regions and
    sources prefetched into ``region_list`` and ``source_list``, ``objective_count``)."""
    language = get_language()
    labels = {
        "label_mechanism": as_translate_outputs(gettext("Mechanism")),
        "label_kind": as_translate_outputs(gettext("Kind")),
        "label_regions": as_translate_outputs(gettext("Region(s)")),
        "label_status": as_translate_outputs(gettext("Status")),
        "label_objectives": as_translate_outputs(gettext("GCM objectives")),
        "label_sources": as_translate_outputs(gettext("Sources")),
    }
    rows = []
    for m in mechanisms:
        regions = format_html_join(
            ", ", "{}", ((translated_html(r, "name", language),) for r in m.region_list)
        )
        sources = format_html_join(
            ", ",
            '<a href="{}" class="sources" title="{}">{}</a>',
            ((doc.get_absolute_url(), doc, note_label(doc)) for doc in m.source_list),
        )
        rows.append(
            format_html(
                _ROW,
                **labels,
                url=m.get_absolute_url(),
                name=translated_html(m, "name", language),
                acronym=format_html(' <span class="muted">({})</span>', m.acronym)
                if m.acronym
                else "",
                kind=m.get_kind_display() or "—",
                regions=regions or m.region_label or "—",
                status=m.get_status_display() or "—",
                objective_count=m.objective_count,
                sources=sources or _NONE,
            )
        )
    return mark_safe(_GAP + _GAP.join(rows) + "\n    ")  # noqa: S308  rows built escaped
