"""PlainSelect writes exactly the markup of Django's template-rendered Select."""

import pytest
from django import forms

from core.widgets import PlainSelect

CHOICES = [
    ("", "Any <kind>"),
    ("a", "A & B"),
    (1, "One"),
    ("Group", [("g1", "G “one”"), ("g2", "G2")]),
]


@pytest.mark.parametrize("value", ["", "a", "1", "g2", None, "unknown"])
def test_plain_select_renders_the_same_html_as_select(value):
    attrs = {"class": "x", "required": True, "disabled": False, "data-x": 'say "hi"'}
    expected = forms.Select(choices=CHOICES, attrs=attrs).render("n", value, {"id": "id_n"})
    assert PlainSelect(choices=CHOICES, attrs=attrs).render("n", value, {"id": "id_n"}) == (
        expected
    )


def test_plain_select_escapes_labels_and_values():
    html = PlainSelect(choices=[('"><script>', "<b>x</b>")]).render("n", None)
    assert "<script>" not in html and "<b>" not in html
