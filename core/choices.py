"""``get_FOO_display()`` from a table built once per field and language.

Django's own builds a dictionary of the field's choices on every call, hashing each lazy
label, which translates it: a directory page of 50 rows showing a kind and a status
translated about 350 labels per render. The labels are fixed while a process runs, so the
table depends only on the field and the active language.
"""

from functools import lru_cache

from django.utils.encoding import force_str
from django.utils.translation import get_language


@lru_cache(maxsize=1024)
def _labels(field, language) -> dict:
    return {value: force_str(label, strings_only=True) for value, label in field.flatchoices}


class CachedChoiceDisplay:
    """Mixed into models before ``models.Model``: the same labels as Django's, cached."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        try:
            return _labels(field, get_language())[value]
        except (KeyError, TypeError):  # a value outside the choices, or unhashable
            return super()._get_FIELD_display(field)
