"""Shared pieces of the CSV/XLSX import-export resources.

Spreadsheets name related records by their natural key (a region's slug, an objective's
number), never by database id. django-import-export's stock widgets quietly drop an unknown
many-to-many value and raise a bare ``DoesNotExist`` for an unknown foreign key; the strict
widgets here turn both into a row error that names the value, so a typo fails the import
instead of losing a link.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from core.tabular import safe_cell, unescape_cell
from sources.models import Document


class NaturalKeyForeignKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key written as the related record's natural key (slug, number)."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        try:
            return self.model._default_manager.get(**{self.field: str(value).strip()})
        except (self.model.DoesNotExist, ValueError, ValidationError):
            raise ValueError(
                f"No {self.model._meta.verbose_name} with {self.field} '{value}'."
            ) from None


class NaturalKeyManyToManyWidget(widgets.ManyToManyWidget):
    """Several related records by natural key, separated by ``|`` (slugs may hold commas)."""

    def __init__(self, model, field="slug", separator="|", **kwargs):
        super().__init__(model, separator=separator, field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return self.model._default_manager.none()
        keys = [k.strip() for k in str(value).split(self.separator) if k.strip()]
        found = self.model._default_manager.filter(**{f"{self.field}__in": keys})
        known = {str(getattr(obj, self.field)) for obj in found}
        unknown = [k for k in keys if k not in known]
        if unknown:
            plural = self.model._meta.verbose_name_plural
            raise ValueError(f"Unknown {plural}: {', '.join(repr(k) for k in unknown)}.")
        return found


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
        super().before_import_row(row, **kwargs)

    def before_save_instance(self, instance, row, **kwargs):
        # History rows name the importing user even outside a request (e.g. a shell import).
        user = kwargs.get("user")
        if user is not None and user.is_authenticated:
            instance._history_user = user
        super().before_save_instance(instance, row, **kwargs)
