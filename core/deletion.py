"""Refuse to delete a record that other records rely on, and say which ones.

``on_delete=PROTECT`` guards foreign keys in the database. Many-to-many links (a reference
naming a mechanism, a record citing a note as its source) have no such guard: deleting the
target would silently drop the link. Admin and API both call ``blocking_references`` before
a delete, so a record is deleted only when nothing else states a fact through it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models, transaction


@dataclass(frozen=True)
class Blocker:
    """Records of one kind that reference the record about to be deleted."""

    model: type[models.Model]
    count: int
    examples: tuple[str, ...]
    #: The example records themselves (same order as ``examples``), for links.
    records: tuple[models.Model, ...] = ()
    #: The relation from ``model`` to the record, as a lookup ("mechanisms", "document").
    lookup: str = ""

    def __str__(self):
        label = (
            self.model._meta.verbose_name
            if self.count == 1
            else (self.model._meta.verbose_name_plural)
        )
        more = (
            f" and {self.count - len(self.examples)} more"
            if self.count > len(self.examples)
            else ""
        )
        return f"{self.count} {label}: {'; '.join(self.examples)}{more}"


class RecordInUse(Exception):
    """Raised instead of deleting a record that others reference."""

    def __init__(self, obj: models.Model, blockers: list[Blocker]):
        self.obj = obj
        self.blockers = blockers
        super().__init__(
            f"{obj._meta.verbose_name.capitalize()} '{obj}' is referenced by "
            + ", ".join(str(b) for b in blockers)
        )


def _referencing_querysets(obj: models.Model):
    for rel in obj._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete):
            continue  # only reverse relations: other models pointing at obj
        field = rel.field
        if rel.many_to_many:
            through = field.remote_field.through
            if not through._meta.auto_created:
                continue  # explicit through models are guarded by their own foreign keys
            yield field.model, field.name, field.model._base_manager.filter(**{field.name: obj})
        elif getattr(rel, "on_delete", None) is models.PROTECT:
            yield (
                rel.related_model,
                field.name,
                rel.related_model._base_manager.filter(**{field.name: obj}),
            )
        # CASCADE: the related rows are parts of obj (its names, its answers) and go with it.
        # DO_NOTHING: history rows, which must outlive the record.


def blocking_references(obj: models.Model, *, examples: int = 5) -> list[Blocker]:
    """Every kind of record that references ``obj`` through a protected FK or an M2M link."""
    blockers = []
    for model, lookup, queryset in _referencing_querysets(obj):
        queryset = queryset.distinct()
        count = queryset.count()
        if count:
            records = tuple(queryset[:examples])
            shown = tuple(str(o) for o in records)
            blockers.append(Blocker(model, count, shown, records, lookup))
    return blockers


@transaction.atomic
def delete_unreferenced(obj: models.Model) -> None:
    """Delete ``obj`` unless something references it; raise ``RecordInUse`` otherwise."""
    blockers = blocking_references(obj)
    if blockers:
        raise RecordInUse(obj, blockers)
    obj.delete()
