"""Many-to-many natural keys of a page of rows, as plain values.

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


def attach_m2m_keys(rows: list, fields: dict[str, str]) -> None:
    """For each ``{field name: key}``, set ``row.<field>_keys`` to the related rows' keys."""
    if not rows:
        return
    model = type(rows[0])
    ids = [row.pk for row in rows]
    for name, key in fields.items():
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
        for row in rows:
            setattr(row, f"{name}_keys", found[row.pk])
