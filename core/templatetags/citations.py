"""Footnote-style citations: a fact shows a small number, the page ends with the notes.

A page's view puts ``Citations()`` in its context as ``citations``; ``{% cite citations
sources %}`` numbers each note the first time the page cites it and prints the marker;
``{% cited_text citations text %}`` turns a curator's note codes inside a text ("000 lists
it", "004's table") into the note's readable name with its marker; the template ends with
``{% include "includes/footnotes.html" %}`` listing every cited note by title.
"""

import re

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

NOTE_CODE = re.compile(r"\b(00\d)\b('s)?")


def readable_name(document) -> str:
    """ "IPD note on the final GCM (002)" -> "IPD note on the final GCM"."""
    name = document.short_title or document.title
    return re.sub(r"\s*\(\d{3}\)$", "", name)


class Citations:
    def __init__(self):
        self.notes = []  # documents in the order first cited
        self._numbers = {}

    def number(self, document) -> int:
        if document.pk not in self._numbers:
            self.notes.append(document)
            self._numbers[document.pk] = len(self.notes)
        return self._numbers[document.pk]

    def marker(self, document):
        n = self.number(document)
        return format_html(
            '<a class="cite" href="#source-{}" aria-label="Source {}: {}">{}</a>',
            n,
            n,
            readable_name(document),
            n,
        )


@register.simple_tag
def cite(citations, sources):
    """Footnote markers for the notes a fact comes from (``sources``: prefetched Documents)."""
    documents = list(sources or ())
    if not documents:
        return ""
    markers = format_html_join(
        mark_safe('<span class="cite-sep">,</span>'),
        "{}",
        ((citations.marker(d),) for d in documents),
    )
    return format_html('<sup class="cites">{}</sup>', markers)


@register.simple_tag
def cited_text(citations, text, documents):
    """``text`` with note codes (000–009) replaced by the note's name and its marker.

    ``documents`` maps a code to its Document (see ``notes_by_code``); an unknown code is
    left as written.
    """
    text = text or ""
    out = []
    cursor = 0
    for match in NOTE_CODE.finditer(text):
        document = documents.get(match.group(1))
        if document is None:
            continue
        out.append(escape(text[cursor : match.start()]))
        name = readable_name(document)
        before = text[: match.start()].rstrip()
        starts_sentence = not before or before[-1] in ".:;!?"
        article = "The " if starts_sentence else "the "
        possessive = "’s" if match.group(2) else ""
        out.append(
            format_html(
                '{}{}{}<sup class="cites">{}</sup>',
                article,
                name,
                possessive,
                citations.marker(document),
            )
        )
        cursor = match.end()
    out.append(escape(text[cursor:]))
    return mark_safe("".join(str(part) for part in out))  # noqa: S308  parts escaped above


def notes_by_code(documents) -> dict:
    """The notes keyed by their code (the first three digits of ``seed_file``)."""
    return {d.seed_file[:3]: d for d in documents if (d.seed_file or "")[:3].isdigit()}


@register.simple_tag
def source_links(sources):
    """The notes a fact comes from, in full: ``Sources: <a>…</a>; <a>…</a>`` (``sources``:
    prefetched Documents), or "No source recorded".

    A tag rather than an included template: pages print this once per listed row, and an
    include pushed a context and rendered a dozen nodes each time. The output is what the
    include wrote, its closing newline too.
    """
    from django.utils.translation import gettext, ngettext

    documents = list(sources or ())
    if not documents:
        # A translated literal: the project's own text, not escaped (as {% translate %}).
        label = mark_safe(gettext("No source recorded"))  # noqa: S308
        return format_html('<span class="sources">{}</span>\n', label)
    label = mark_safe(ngettext("Source:", "Sources:", len(documents)))  # noqa: S308
    links = format_html_join(
        "; ", '<a href="{}">{}</a>', ((d.get_absolute_url(), d) for d in documents)
    )
    return format_html('<span class="sources">{} {}</span>\n', label, links)
