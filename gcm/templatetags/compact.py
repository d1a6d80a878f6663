"""The compact page's § links and comparison rows: from the comparison table to the
paragraph's quote.

The comparison table is built here, one ``format_html`` per row, rather than by template
tags per cell: a row is 30-odd nodes, each variable looked up and escaped, and the table
was most of the page's render. The markup is the one the template had, byte for byte.
"""

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.templatetags.pages import as_translate_outputs

register = template.Library()

_ROW = (
    "\n  {group_row}\n  <tr>\n"
    '    <th scope="row">{wording}{renamed}</th>\n'
    '    <td class="breakable" data-label="{label_before}">{before}</td>\n'
    '    <td class="breakable" data-label="{label_after}">{after}</td>\n'
    '    <td class="breakable" data-label="{label_change}">'
    '<span class="tag tag-{change}">{change_label}</span>{renumbered}</td>\n'
    "  </tr>\n  "
)


@register.simple_tag
def paragraph_link(document, paragraph, pages_of):
    """``§47`` linking to the page of ``document``'s paragraphs where §47 starts."""
    from gcm.views import paragraph_anchor

    if document is None:
        return f"§{paragraph}"
    page = pages_of.get(document.slug, {}).get(paragraph)
    if page is None:
        return format_html("§{}", paragraph)
    query = f"?document={document.slug}" + (f"&page={page}" if page > 1 else "")
    return format_html('<a href="{}#{}">§{}</a>', query, paragraph_anchor(paragraph), paragraph)


def _links(document, paragraphs, pages_of):
    return format_html_join(
        ", ", "{}", ((paragraph_link(document, p, pages_of),) for p in paragraphs)
    )


@register.simple_tag
def comparison_rows(comparisons, zero_draft, final, pages_of, group_labels):
    """The ``<tbody>`` rows of the comparison: a group heading where the group changes, then
    per wording its paragraphs in each text (each § a link) and its change."""
    # Translated once per table, not per row.
    label_before, label_after = (
        as_translate_outputs(gettext("Zero draft Rev 1")),
        as_translate_outputs(gettext("Final GCM")),
    )
    label_change = as_translate_outputs(gettext("Change"))
    change_labels = {
        "kept": as_translate_outputs(gettext("kept")),
        "renumbered": as_translate_outputs(gettext("renumbered")),
        "added": as_translate_outputs(gettext("added")),
        "dropped": as_translate_outputs(gettext("dropped")),
    }
    renamed_label = as_translate_outputs(gettext("Zero draft: “%(wording)s”"))
    no_paragraph = as_translate_outputs(gettext("no paragraph"))
    rows, group = [], object()
    for c in comparisons:
        group_row = ""
        if c.group != group:
            group = c.group
            group_row = format_html(
                '<tr><th scope="colgroup" colspan="4" class="group-row">{}</th></tr>',
                group_labels.get(group, ""),
            )
        renamed = ""
        if c.renamed:
            # As {% blocktranslate %}: the translation as is, the wording escaped.
            wording = conditional_escape(c.before.wording)
            renamed = format_html(
                '<br><span class="muted">{}</span>',
                mark_safe(renamed_label % {"wording": wording}),  # noqa: S308
            )
        if c.paragraphs_before:
            before = _links(zero_draft, c.paragraphs_before, pages_of)
        elif c.before:
            notes = format_html_join("; ", "{}", ((n,) for n in c.before.notes))
            before = notes or no_paragraph
        else:
            before = "—"
        after = _links(final, c.paragraphs_after, pages_of) if c.paragraphs_after else "—"
        renumbered = ""
        if c.change == "renumbered" and len(c.paragraphs_after) <= 4:
            renumbered = format_html(
                '<br><span class="muted">{} → {}</span>',
                "/".join(c.paragraphs_before),
                "/".join(c.paragraphs_after),
            )
        rows.append(
            format_html(
                _ROW,
                group_row=group_row,
                wording=c.wording,
                renamed=renamed,
                label_before=label_before,
                label_after=label_after,
                label_change=label_change,
                before=before,
                after=after,
                change=c.change,
                change_label=change_labels.get(c.change, c.change),
                renumbered=renumbered,
            )
        )
    return format_html_join("", "{}", ((row,) for row in rows))
