"""The compact page's § links: from the comparison table to the paragraph's quote."""

from django import template
from django.utils.html import format_html

register = template.Library()


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
