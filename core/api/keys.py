"""Many-to-many natural keys of a page of rows, as plain values; JSON list pages from them.

A prefetch builds a model instance (and a related manager) for every related row; a list
that shows only the related rows' keys pays most of its time for that at scale. Here one
``values_list`` query per relation gives the same keys, in the related model's ordering (as
a prefetch gives them), set on each row as ``<field>_keys`` for a ``ListField`` to read.
"""

from collections import defaultdict
from functools import cache

from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField
from rest_framework.settings import api_settings

from core.models import TRANSLATED_LANGUAGES, translated_fields


def _related_order(target: str, ordering) -> list[str]:
    return [
        f"-{target}__{name[1:]}" if name.startswith("-") else f"{target}__{name}"
        for name in ordering
    ]


def m2m_keys(model, ids: list, name: str, key: str) -> dict:
    """``{row id: [related key, ...]}`` for the many-to-many field ``name``, in one query."""
    field = model._meta.get_field(name)
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    found = defaultdict(list)
    links = (
        field.remote_field.through.objects.filter(**{f"{source}_id__in": ids})
        .order_by(*_related_order(target, field.related_model._meta.ordering))
        .values_list(f"{source}_id", f"{target}__{key}")
    )
    for owner, value in links:
        found[owner].append(value)
    return found


def attach_m2m_keys(rows: list, fields: dict[str, str]) -> None:
    """For each ``{field name: key}``, set ``row.<field>_keys`` to the related rows' keys."""
    if not rows:
        return
    model = type(rows[0])
    ids = [row.pk for row in rows]
    for name, key in fields.items():
        found = m2m_keys(model, ids, name, key)
        for row in rows:
            setattr(row, f"{name}_keys", found[row.pk])


# Fields whose representation of a ``values()`` cell is the cell itself (None stays None).
_PLAIN_FIELDS = (
    serializers.CharField,  # and its SlugField, URLField, WebAddressField
    serializers.IntegerField,
    serializers.BooleanField,
    serializers.ChoiceField,
)
# Fields a list row fills from related rows: ``related(ids)`` gives them.
_RELATED_FIELDS = (serializers.SerializerMethodField, serializers.ListField, ManyRelatedField)


@cache
def row_lookups(serializer_class) -> dict[str, str | None]:
    """The serializer's row as ``{output key: values() lookup}``, in its field order, read
    from its declared fields: a plain column is its source, a to-one natural key is
    ``<source>__<slug_field>``, and a related list (method field, attached keys) is None.
    Any other kind of field is refused, so the values path can never drift from the
    serializer's row silently."""
    lookups = {}
    for name, field in serializer_class().fields.items():
        source = field.source.replace(".", "__")
        if isinstance(field, _RELATED_FIELDS):
            lookups[name] = None
        elif isinstance(field, serializers.SlugRelatedField):
            lookups[name] = f"{source}__{field.slug_field}"
        elif isinstance(field, _PLAIN_FIELDS) and _is_identity(field):
            lookups[name] = source
        else:
            raise ImproperlyConfigured(
                f"{serializer_class.__name__}.{name} ({type(field).__name__}) has no values() "
                "form; serialize the list instead of core.api.keys.json_list."
            )
    return lookups


def _is_identity(field) -> bool:
    if isinstance(field, serializers.BigIntegerField):
        return not getattr(field, "coerce_to_string", api_settings.COERCE_BIGINT_TO_STRING)
    return type(field).to_representation in _IDENTITY


_IDENTITY = {
    serializers.CharField.to_representation,
    serializers.IntegerField.to_representation,
    serializers.BooleanField.to_representation,
    serializers.ChoiceField.to_representation,
}


def json_list(view, request, related):
    """A list action's JSON page built from ``values()`` rows, or None for other formats.

    The serializer builds a model instance and walks its fields for every row; a list row
    is only columns and natural keys, so this reads them as plain values, as the
    benchmark's floor does (bench/urls.py). Which columns, under which keys and in which
    order comes from the list serializer's own fields (``row_lookups``); the keys it fills
    from related rows come from ``related(ids)`` as ``{key: {row id: value}}``. CSV and the
    browsable API keep the serializer; tests/api/test_json_lists.py holds both to the same
    rows.
    """
    if request.accepted_renderer.format != "json":
        return None
    row_values = row_lookups(view.get_serializer_class())
    lookups = ["pk", *(lookup for lookup in row_values.values() if lookup)]
    # Under ?lang=fr|es a translated column reads its editor's version where there is one
    # (as RegistryModelSerializer.to_representation does for every other answer).
    language = translation.get_language()
    swaps = {}
    if language in TRANSLATED_LANGUAGES:
        translated = set(translated_fields(view.get_queryset().model))
        swaps = {
            out: f"{lookup}_{language}"
            for out, lookup in row_values.items()
            if lookup in translated
        }
        lookups += list(swaps.values())
    rows = view.paginator.paginate_values(
        view.filter_queryset(view.get_queryset()), request, lookups
    )
    keys = related([row["pk"] for row in rows])
    wanted = {out for out, lookup in row_values.items() if lookup is None}
    if wanted != keys.keys():
        raise ImproperlyConfigured(
            f"related() gives {sorted(keys)}, the serializer's related keys are {sorted(wanted)}"
        )
    results = [
        {out: row[lookup] if lookup else keys[out][row["pk"]] for out, lookup in row_values.items()}
        for row in rows
    ]
    for result, row in zip(results, rows, strict=True):
        for out, version in swaps.items():
            if row[version]:
                result[out] = row[version]
    return view.get_paginated_response(results)
