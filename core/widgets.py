"""Form widgets for the public pages' filter forms.

Django renders a ``<select>`` through the template engine, one included template per
option and per attribute list: on the mechanism directory the filter form cost about a
sixth of the page's render. ``PlainSelect`` writes the very same HTML in Python.
"""

from django import forms
from django.utils.html import conditional_escape, escape, format_html
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
    """``forms.Select`` with the same markup as Django's templates, written in Python.

    It reads the choices directly: ``get_context()`` would build a dictionary of attributes
    per option first (``optgroups``/``create_option``), which on the directory's list of
    States cost more than the markup itself."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        chosen = self.format_value(value)
        parts = [format_html('<select name="{}"', name), _attrs(attrs), ">"]
        has_selected = False
        for group_value, group_label in self.choices:
            if isinstance(group_label, (list, tuple)):
                group_name, options = group_value, group_label
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            else:
                group_name, options = None, [(group_value, group_label)]
            for option_value, option_label in options:
                option_value = "" if option_value is None else str(option_value)
                selected = (
                    not has_selected or self.allow_multiple_selected
                ) and option_value in chosen
                has_selected |= selected
                value_html = escape(option_value)
                label_html = conditional_escape(option_label)
                selected_html = " selected" if selected else ""
                parts.append(
                    f'\n  <option value="{value_html}"{selected_html}>{label_html}</option>\n'
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308  every part escaped above
