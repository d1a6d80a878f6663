"""Form widgets for the public pages' filter forms.

Django renders a ``<select>`` through the template engine, one included template per
option and per attribute list: on the mechanism directory the filter form cost about a
sixth of the page's render. ``PlainSelect`` writes the very same HTML in Python.
"""

from django import forms
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def _attrs(attrs: dict) -> str:
    """As ``django/forms/widgets/attrs.html``: ``True`` bare, ``False`` left out."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(format_html(" {}", name))
        else:
            parts.append(format_html(' {}="{}"', name, str(value)))
    return "".join(parts)


class PlainSelect(forms.Select):
    """``forms.Select`` with the same markup as Django's templates, written in Python."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"', widget["name"]), _attrs(widget["attrs"]), ">"]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                parts.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>\n',
                        str(option["value"]),
                        mark_safe(_attrs(option["attrs"])),  # noqa: S308 escaped in _attrs
                        option["label"],
                    )
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308  every part escaped by format_html
