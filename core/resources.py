"""Shared pieces of the CSV/XLSX import-export resources.

Spreadsheets name related records by their natural key (a region's slug, an objective's
number), never by database id. django-import-export's stock widgets quietly drop an unknown
many-to-many value and raise a bare ``DoesNotExist`` for an unknown foreign key; the strict
widgets here turn both into a row error that names the value, so a typo fails the import
instead of losing a link.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from core.tabular import safe_cell, unescape_cell
from sources.models import Document

#: Besides its natural key, a related record may be named as the admin shows it.
DISPLAY_FIELDS = ("name", "acronym", "short_title", "symbol", "title")
#: Valid values listed in full in an error up to this many; beyond, the first ones.
LISTED_VALUES = 25


def _lookup_table(model, key: str) -> dict[str, object]:
    """Every way a spreadsheet may name a record of ``model``: key, then display names.

    Keys and names are matched without regard to case; a name two records share is left
    out (it would be ambiguous), a key always wins.
    """
    names = [f.name for f in model._meta.concrete_fields if f.name in DISPLAY_FIELDS]
    table, ambiguous = {}, set()
    records = list(model._default_manager.all())
    for obj in records:
        for name in names:
            value = str(getattr(obj, name) or "").strip().casefold()
            if not value:
                continue
            if value in table and table[value] is not obj:
                ambiguous.add(value)
            table[value] = obj
    for value in ambiguous:
        table.pop(value, None)
    for obj in records:
        table[str(getattr(obj, key)).strip().casefold()] = obj
    return table


def valid_values(model, key: str) -> str:
    """'Valid values: africa (Africa), americas (Americas), ...' for an error message."""
    records = list(model._default_manager.all()[: LISTED_VALUES + 1])
    shown = []
    for obj in records[:LISTED_VALUES]:
        label = str(obj)
        value = str(getattr(obj, key))
        shown.append(value if label == value else f"{value} ({label})")
    if len(records) > LISTED_VALUES:
        return _("Valid values: %(values)s and more.") % {"values": ", ".join(shown)}
    return _("Valid values: %(values)s.") % {"values": ", ".join(shown)}


class NaturalKeyForeignKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key written as the related record's natural key (slug, number) or name."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        text = str(value).strip()
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))  # XLSX cells hold numbers as floats
        found = _lookup_table(self.model, self.field).get(text.casefold())
        if found is None:
            message = _("No %(kind)s with %(field)s '%(value)s'.") % {
                "kind": self.model._meta.verbose_name,
                "field": self.field,
                "value": value,
            }
            raise ValueError(f"{message} {valid_values(self.model, self.field)}")
        return found


class NaturalKeyManyToManyWidget(widgets.ManyToManyWidget):
    """Several related records by natural key, separated by ``|`` (slugs may hold commas)."""

    def __init__(self, model, field="slug", separator="|", **kwargs):
        super().__init__(model, separator=separator, field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return self.model._default_manager.none()
        keys = [k.strip() for k in str(value).split(self.separator) if k.strip()]
        table = _lookup_table(self.model, self.field)
        unknown = [k for k in keys if k.casefold() not in table]
        if unknown:
            plural = self.model._meta.verbose_name_plural
            message = _("Unknown %(kinds)s: %(values)s.") % {
                "kinds": plural,
                "values": ", ".join(repr(k) for k in unknown),
            }
            raise ValueError(f"{message} {valid_values(self.model, self.field)}")
        pks = [table[k.casefold()].pk for k in keys]
        return self.model._default_manager.filter(pk__in=pks)


class WholeNumberWidget(widgets.IntegerWidget):
    """An integer cell; a word or a fraction is a row error that says so (not a traceback)."""

    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        text = str(value).strip()
        try:
            number = float(text)
        except ValueError:
            raise ValueError(
                _("'%(value)s' is not a number: write a whole number, e.g. 2005.")
                % {"value": value}
            ) from None
        if not number.is_integer():
            raise ValueError(
                _("'%(value)s' is not a whole number: write e.g. 2005.") % {"value": value}
            )
        return int(number)


def _choice_value(field, value):
    """A choice cell as key or label, any case ("Active", "active") → the stored key."""
    if value in (None, ""):
        return value
    text = str(value).strip().casefold()
    for key, label in field.flatchoices:
        if text in (str(key).casefold(), str(label).casefold()):
            return key
    return value


def _choices_message(field) -> str:
    values = ", ".join(f"{key} ({label})" for key, label in field.flatchoices if key != "")
    if field.blank:
        return _("Valid values: %(values)s or leave it empty.") % {"values": values}
    return _("Valid values: %(values)s.") % {"values": values}


class RegistryResource(resources.ModelResource):
    """Base resource: validates every value before saving and records who imported.

    Many-to-many values are normally read only after the row is saved; checking them in
    ``import_instance`` makes an unknown slug a validation error of its row, so the whole
    import is refused before anything is written.
    """

    # Every curated record cites the IOM note(s) it comes from, by slug ("a|b").
    sources = fields.Field(
        attribute="sources",
        column_name="sources",
        widget=NaturalKeyManyToManyWidget(Document),
    )

    class Meta:
        # full_clean() on every row: choices, validators, constraints and model clean().
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if isinstance(f, models.IntegerField) and not f.is_relation:
            return WholeNumberWidget
        return super().widget_from_django_field(f, default)

    def _choice_fields(self):
        model_fields = {f.name: f for f in self._meta.model._meta.concrete_fields}
        for field in self.get_import_fields():
            model_field = model_fields.get(field.attribute)
            if model_field is not None and model_field.choices:
                yield field, model_field

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Model validation, with the valid values named for a choice a row got wrong."""
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise
            for field, model_field in self._choice_fields():
                found = error.error_dict.get(field.attribute)
                if found and any(e.code == "invalid_choice" for e in found):
                    found.append(ValidationError(_choices_message(model_field), code="choices"))
            raise

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        for field in self.get_import_fields():
            if not isinstance(field.widget, widgets.ManyToManyWidget):
                continue
            if field.column_name not in row:
                continue
            try:
                field.clean(row, **kwargs)
            except ValueError as e:
                errors[field.attribute] = ValidationError(str(e), code="invalid")
        if errors:
            raise ValidationError(errors)

    def export_field(self, field, instance, **kwargs):
        # CSV and XLSX alike: a formula-leading text is written as text (core.tabular).
        return safe_cell(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        # A file this admin exported: its escaped texts are read back as they were.
        for key in list(row.keys()):
            row[key] = unescape_cell(row[key])
        # The export and the admin show choice labels ("Active"); accept them as keys.
        for field, model_field in self._choice_fields():
            if field.column_name in row:
                row[field.column_name] = _choice_value(model_field, row[field.column_name])
        super().before_import_row(row, **kwargs)

    def before_save_instance(self, instance, row, **kwargs):
        # History rows name the importing user even outside a request (e.g. a shell import).
        user = kwargs.get("user")
        if user is not None and user.is_authenticated:
            instance._history_user = user
        # One history row per imported record, written once its links are saved (save_m2m).
        instance._registry_created = instance._state.adding
        instance.skip_history_when_saving = True
        super().before_save_instance(instance, row, **kwargs)

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        if hasattr(instance, "skip_history_when_saving"):
            from core.history import save_version

            save_version(instance, created=getattr(instance, "_registry_created", False))
