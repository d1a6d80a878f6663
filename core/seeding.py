"""Load the seed data in ``fixtures/`` without overwriting editors' work.

Each fixture file is a Django serialization (YAML) with natural keys. A record whose
natural key is not in the database is created; one that exists is compared field by field
and, where it differs, reported — or, with ``reset``, restored to the notes' values.
Records editors added that the notes do not have are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.db import models, transaction
from django.db.models.signals import post_save

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
SEED_REASON = "Seeded from the IOM notes"
RESET_REASON = "Reset to the IOM notes' values"


@dataclass
class Difference:
    label: str
    field: str
    in_database: object
    in_notes: object

    def __str__(self):
        return (
            f"{self.label}: {self.field} is {self.in_database!r}, the notes say {self.in_notes!r}"
        )


@dataclass
class SeedReport:
    created: int = 0
    unchanged: int = 0
    reset: int = 0
    differences: list[Difference] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def differing_records(self) -> int:
        return len({d.label for d in self.differences})


def fixture_files(directory: Path = FIXTURES_DIR) -> list[Path]:
    """Fixture files in load order: their names start with a number (``10_regions.yaml``)."""
    return sorted(directory.glob("[0-9]*.yaml"))


def _record_label(obj: models.Model) -> str:
    key = obj.natural_key() if hasattr(obj, "natural_key") else (obj.pk,)
    return f"{obj._meta.label_lower} {'/'.join(str(k) for k in key)}"


def _differences(existing, incoming, m2m_data) -> list[Difference]:
    label = _record_label(existing)
    found = []
    for f in incoming._meta.concrete_fields:
        if f.primary_key:
            continue
        old, new = getattr(existing, f.attname), getattr(incoming, f.attname)
        if f.to_python(old) != f.to_python(new):
            found.append(Difference(label, f.name, old, new))
    for name, pks in m2m_data.items():
        old = set(getattr(existing, name).values_list("pk", flat=True))
        if old != set(pks):
            found.append(Difference(label, name, sorted(old), sorted(pks)))
    return found


def record_version(obj: models.Model, reason: str, *, created: bool) -> None:
    """Write one history row for a record saved raw, its m2m links included.

    Fixture and dump loading save "raw", which simple_history skips; sending post_save once
    the m2m are in place records the whole record, sources and all, in a single version an
    editor can revert to.
    """
    if hasattr(obj, "skip_history_when_saving"):
        del obj.skip_history_when_saving
    obj._change_reason = reason
    post_save.send(sender=type(obj), instance=obj, created=created, raw=False, using="default")


def _save_with_history(deserialized, reason: str, *, created: bool) -> None:
    """Save a fixture object and its m2m (no history per m2m change), then one version."""
    obj = deserialized.object
    obj.skip_history_when_saving = True
    deserialized.save()
    record_version(obj, reason, created=created)


@transaction.atomic
def seed(*, reset: bool = False, directory: Path = FIXTURES_DIR) -> SeedReport:
    report = SeedReport()
    for path in fixture_files(directory):
        report.files.append(path.name)
        with path.open(encoding="utf-8") as stream:
            for deserialized in serializers.deserialize("yaml", stream):
                obj = deserialized.object
                model = type(obj)
                existing = model._default_manager.filter(pk=obj.pk).first() if obj.pk else None
                if existing is None:
                    obj.pk = None
                    _save_with_history(deserialized, SEED_REASON, created=True)
                    report.created += 1
                    continue
                diffs = _differences(existing, obj, deserialized.m2m_data or {})
                if not diffs:
                    report.unchanged += 1
                elif reset:
                    _save_with_history(deserialized, RESET_REASON, created=False)
                    report.reset += 1
                else:
                    report.differences.extend(diffs)
    return report
