"""Template tags of the registry admin: the error summary of a failed change form."""

from django import template
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

register = template.Library()


def _field_errors(form, prefix_label):
    for name, field in form.fields.items():
        errors = form.errors.get(name)
        if not errors:
            continue
        bound = form[name]
        label = f"{prefix_label}{field.label or name}"
        yield {"label": label, "anchor": bound.id_for_label or "", "messages": list(errors)}


def _numbered(title: str, number: int) -> str:
    # Translators: an inline row of a change form, e.g. "Other name 2".
    return _("%(kind)s %(number)s") % {"kind": title, "number": number}


@register.simple_tag
def error_summary(adminform, inline_admin_formsets):
    """Every error of the form and its inlines, each linked to its field, in one box."""
    form = adminform.form
    items = [{"label": "", "anchor": "", "messages": list(form.non_field_errors())}]
    items += list(_field_errors(form, ""))
    for inline in inline_admin_formsets or []:
        formset = inline.formset
        title = str(inline.opts.verbose_name).capitalize()
        items.append(
            {
                "label": str(inline.opts.verbose_name_plural).capitalize(),
                "anchor": f"{formset.prefix}-group",
                "messages": list(formset.non_form_errors()),
            }
        )
        for number, inline_form in enumerate(formset.forms, start=1):
            items.append(
                {
                    "label": _numbered(title, number),
                    "anchor": f"{formset.prefix}-{number - 1}",
                    "messages": list(inline_form.non_field_errors()),
                }
            )
            items += list(_field_errors(inline_form, f"{_numbered(title, number)} · "))
    items = [i for i in items if i["messages"]]
    count = sum(len(i["messages"]) for i in items)
    return render_to_string("admin/core/error_summary.html", {"items": items, "count": count})
