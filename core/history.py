"""Versions an editor can read: one history row per save, word-level diffs, inline parts.

django-simple-history writes a row on every ``save()`` and another on every many-to-many
change, so one admin save of a mechanism with new regions and sources left three or four
rows. The admin saves with history switched off and then calls ``save_version`` once, when
the record, its links and its inline parts are all in place.

A record's inline parts (a mechanism's other names, its objective links) have history rows
of their own; ``InlineHistory`` reads them once per page and reconstructs the parts as they
were at any moment, so the parent's history shows their changes and a revert restores them.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.db.models.signals import post_save
from django.forms.models import _get_foreign_key
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from simple_history.utils import get_m2m_reverse_field_name

EMPTY = "—"
#: Unchanged words kept on each side of a change; longer unchanged runs are cut to "…".
CONTEXT_WORDS = 8


def has_history(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def save_version(obj: models.Model, *, created: bool, user=None, reason: str = "") -> None:
    """Write the one history row of a save, after the record and its links are saved."""
    if hasattr(obj, "skip_history_when_saving"):
        del obj.skip_history_when_saving
    if not has_history(type(obj)):
        return
    if user is not None:
        obj._history_user = user
    obj._change_reason = reason or ""
    try:
        post_save.send(
            sender=type(obj), instance=obj, created=created, raw=False, using=obj._state.db
        )
    finally:
        del obj._change_reason
        if hasattr(obj, "_history_date"):
            del obj._history_date


# --- Readable values and diffs ------------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


def word_diff(old: str, new: str, *, context: int = CONTEXT_WORDS) -> SafeString:
    """``old`` → ``new`` word by word: removed words in <del>, added words in <ins>.

    Unchanged stretches longer than twice ``context`` words are shortened to "…", so a
    one-letter fix in a long paragraph shows the word and its neighbours, not the paragraph.
    """
    a, b = _words(old or ""), _words(new or "")
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    parts = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            same = a[i1:i2]
            first, last = index == 0, index == len(opcodes) - 1
            head = [] if first else same[:context]
            tail = [] if last else same[-context:]
            if len(same) > len(head) + len(tail) + 1:
                parts.extend([escape(" ".join(head)), "…", escape(" ".join(tail))])
            else:
                parts.append(escape(" ".join(same)))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", " ".join(a[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", " ".join(b[j1:j2])))
    return mark_safe(" ".join(p for p in parts if p))  # noqa: S308 - every part is escaped


def display_value(obj, field) -> str:
    """A field's value as the change form shows it: choice labels, names of related records."""
    if field.many_to_many:
        return ", ".join(sorted(str(o) for o in getattr(obj, field.name).all())) or EMPTY
    if field.is_relation:
        related = getattr(obj, field.name, None)
        return str(related) if related is not None else EMPTY
    value = getattr(obj, field.attname)
    if field.choices and value not in (None, ""):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return EMPTY if value in (None, "") else str(value)


@dataclass(frozen=True)
class Change:
    """One line of a version's changes: what changed and how, ready for the template."""

    label: str
    diff: SafeString


def _changed(label: str, old: str, new: str) -> Change:
    return Change(label, word_diff("" if old == EMPTY else old, "" if new == EMPTY else new))


def _link_name(row, target: str) -> str:
    try:
        related = getattr(row, target)
    except models.ObjectDoesNotExist:
        related = None
    if related is not None:
        return str(related)
    return _("(deleted record %(id)s)") % {"id": row.pk}


def load_links(records) -> None:
    """Read the many-to-many history rows of ``records`` in one query per field.

    simple_history's per-row managers cannot be prefetched; this caches each record's
    linked names on ``record._registry_links`` for ``record_changes``.
    """
    records = [r for r in records if r is not None]
    if not records:
        return
    by_pk = {r.pk: r for r in records}
    for record in records:
        record._registry_links = {}
    for field in _history_m2m_fields(records[0]):
        target = get_m2m_reverse_field_name(field)
        m2m_model = getattr(type(records[0]), field.name).model
        names = {pk: [] for pk in by_pk}
        rows = m2m_model.objects.filter(history_id__in=list(by_pk)).select_related(target)
        for row in rows:
            names[row.history_id].append(_link_name(row, target))
        for pk, record in by_pk.items():
            record._registry_links[field.name] = sorted(names[pk])


def _m2m_names(record, field) -> list[str]:
    """Names of the records a history row links to (its m2m history rows)."""
    cached = getattr(record, "_registry_links", {}).get(field.name)
    if cached is not None:
        return cached
    target = get_m2m_reverse_field_name(field)
    rows = getattr(record, field.name).select_related(target)
    return sorted(_link_name(row, target) for row in rows)


def _history_m2m_fields(record):
    return [f for f in getattr(record, "_history_m2m_fields", []) if hasattr(record, f.name)]


def record_changes(old, new, *, skip=()) -> list[Change]:
    """What differs between two history rows of one record, fields and links."""
    changes = []
    model = new.instance_type
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in skip or not field.editable:
            continue
        before, after = display_value(old, field), display_value(new, field)
        if before != after:
            changes.append(_changed(str(field.verbose_name).capitalize(), before, after))
    for field in _history_m2m_fields(new):
        if field.name in skip:
            continue
        before, after = set(_m2m_names(old, field)), set(_m2m_names(new, field))
        if before != after:
            label = str(model._meta.get_field(field.name).verbose_name).capitalize()
            parts = [format_html("<del>{}</del>", n) for n in sorted(before - after)]
            parts += [format_html("<ins>{}</ins>", n) for n in sorted(after - before)]
            changes.append(Change(label, mark_safe(", ".join(parts))))  # noqa: S308
    return changes


# --- Inline parts -------------------------------------------------------------------------


class InlineHistory:
    """The history rows of one kind of inline part of one parent, read in one go.

    A parent's version stands from its own date until the next version's. Every row of one
    admin save shares the save's date, so ``state(before=next_version.history_date)`` is the
    parts as they stood while a version was current (``None``: now): a dict of the part's
    id to its latest history row, parts deleted by then left out. Parts written after the
    parent without a new parent version (seeded names, edits on the part's own page) thus
    belong to the parent's version of the time.
    """

    def __init__(self, parent_model, inline_model, parent_pk, *, fk_name=None):
        self.model = inline_model
        self.fk = _get_foreign_key(parent_model, inline_model, fk_name=fk_name)
        history = getattr(inline_model, inline_model._meta.simple_history_manager_attribute)
        rows = (
            history.filter(**{self.fk.attname: parent_pk})
            .select_related(*self._related(history.model))
            .order_by("history_date", "history_id")
        )
        self.rows = list(rows)
        load_links(self.rows)
        self.dates = [r.history_date for r in self.rows]

    def _related(self, history_model):
        return [
            f.name
            for f in self.model._meta.concrete_fields
            if f.is_relation and f.name != self.fk.name and f.name != "history_user"
        ]

    def state(self, before: datetime | None = None) -> dict:
        end = len(self.rows) if before is None else bisect.bisect_left(self.dates, before)
        latest = {}
        for row in self.rows[:end]:
            latest[row.id] = row
        return {pk: row for pk, row in latest.items() if row.history_type != "-"}

    def label(self, row) -> str:
        """The part as a person names it: its name or label, else what it links to."""
        fields = [
            f
            for f in self.model._meta.concrete_fields
            if not f.primary_key and f.name != self.fk.name
        ]
        named = [f for f in fields if f.name in ("name", "label", "title", "text")]
        linked = [f for f in fields if f.is_relation]
        field = (named or linked or fields)[0]
        return display_value(row, field)

    def changes(self, before: dict, after: dict) -> list[Change]:
        name = str(self.model._meta.verbose_name).capitalize()
        changes = []
        for pk in sorted(set(before) | set(after)):
            old, new = before.get(pk), after.get(pk)
            if old is None:
                label = _("%(part)s added") % {"part": name}
                changes.append(Change(label, format_html("<ins>{}</ins>", self.label(new))))
            elif new is None:
                label = _("%(part)s removed") % {"part": name}
                changes.append(Change(label, format_html("<del>{}</del>", self.label(old))))
            else:
                for change in record_changes(old, new, skip={self.fk.name}):
                    label = _("%(part)s “%(name)s”: %(field)s") % {
                        "part": name,
                        "name": self.label(new),
                        "field": change.label,
                    }
                    changes.append(Change(label, change.diff))
        return changes

    def restore(self, parent, before: datetime | None, *, user, reason: str, date) -> None:
        """Make the parent's parts what they were ``before``: delete, re-create, update."""
        target = self.state(before)
        current = {o.pk: o for o in self.model._default_manager.filter(**{self.fk.name: parent})}
        for pk, obj in current.items():
            if pk not in target:
                obj._history_user = user
                obj._history_date = date
                obj.delete()
        for pk, row in target.items():
            if pk in current and not record_changes(self.state().get(pk, row), row):
                continue
            obj = row.instance
            created = pk not in current
            obj._state.adding = created
            obj.skip_history_when_saving = True
            obj._history_date = date
            obj.save(force_insert=created)
            for field in _history_m2m_fields(row):
                target_name = get_m2m_reverse_field_name(field)
                ids = [getattr(r, f"{target_name}_id") for r in getattr(row, field.name).all()]
                getattr(obj, field.name).set(ids)
            save_version(obj, created=created, user=user, reason=reason)


def inline_histories(model_admin, parent) -> list[InlineHistory]:
    """One ``InlineHistory`` per inline of ``model_admin`` whose model keeps history."""
    return [
        InlineHistory(model_admin.model, inline.model, parent.pk, fk_name=inline.fk_name)
        for inline in model_admin.inlines
        if has_history(inline.model)
    ]
