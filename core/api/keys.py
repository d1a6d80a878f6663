"""Many-to-many natural keys of a page of rows, as plain values; JSON list pages from them.

A prefetch builds a model instance (and a related manager) for every related row; a list
that shows only the related rows' keys pays most of its time for that at scale. Here one
``values_list`` query per relation gives the same keys, in the related model's ordering (as
a prefetch gives them), set on each row as ``<field>_keys`` for a ``ListField`` to read.
"""

from collections import defaultdict


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


def json_list(view, request, row_values: dict[str, str | None], related):
    """A list action's JSON page built from ``values()`` rows, or None for other formats.

    The serializer builds a model instance and walks its fields for every row; a list row
    is only columns and natural keys, so this reads them as plain values, as the
    benchmark's floor does (bench/urls.py). ``row_values`` maps each output key, in the
    serializer's field order, to its ``values()`` lookup, or to None for a key that
    ``related(ids)`` gives as ``{key: {row id: value}}``. CSV and the browsable API keep
    the serializer; tests/api/test_json_lists.py holds both to the same rows.
    """
    if request.accepted_renderer.format != "json":
        return None
    lookups = ["pk", *(lookup for lookup in row_values.values() if lookup)]
    rows = view.paginator.paginate_values(
        view.filter_queryset(view.get_queryset()), request, lookups
    )
    keys = related([row["pk"] for row in rows])
    results = [
        {out: row[lookup] if lookup else keys[out][row["pk"]] for out, lookup in row_values.items()}
        for row in rows
    ]
    return view.get_paginated_response(results)
