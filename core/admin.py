"""What every registry admin shares: history with revert, guarded deletes, sources, import.

``RegistryAdmin`` is the base of every model admin: django-simple-history's history view
and revert form, a delete that is refused while other records reference the object, and a
"Sources" column. ``ImportExportRegistryAdmin`` adds CSV/XLSX import and export for the
models that have a natural-key resource (mechanisms, references).
"""

from __future__ import annotations

import hashlib
import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME
from simple_history.utils import get_m2m_reverse_field_name

from core.deletion import RecordInUse, blocking_references

admin.site.site_header = "ISCM Registry"
admin.site.site_title = "ISCM Registry"
admin.site.index_title = "Curate mechanisms, GCM references and surveys"


def has_sources(model) -> bool:
    return any(f.name == "sources" and f.many_to_many for f in model._meta.get_fields())


def record_version(instance: models.Model) -> str:
    """A digest of the record as stored now: its columns and its many-to-many links."""
    model = type(instance)
    columns = [f.attname for f in model._meta.concrete_fields]
    state = model._base_manager.filter(pk=instance.pk).values(*columns).first() or {}
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        state[field.name] = sorted(
            through._base_manager.filter(**{f"{source}_id": instance.pk}).values_list(
                f"{target}_id", flat=True
            )
        )
    payload = json.dumps(state, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


VERSION_FIELD = "record_version"
CHANGED_MEANWHILE = (
    "Someone else saved this record since you opened it (see its History). Your changes "
    "were not saved: open the record again to see the current version, then redo them."
)


def versioned_form(form_class):
    """``form_class`` with a hidden field holding the record's version when the form was
    opened; saving refuses (with ``CHANGED_MEANWHILE``) if the record has changed since."""

    class VersionedForm(form_class):
        record_version = forms.CharField(widget=forms.HiddenInput, required=False)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self.instance.pk is not None and not self.is_bound:
                self.initial[VERSION_FIELD] = record_version(self.instance)

        def clean(self):
            cleaned = super().clean()
            opened = (cleaned or {}).get(VERSION_FIELD)
            # Empty: a form posted without it (a script); nothing to compare with.
            if opened and self.instance.pk is not None and opened != record_version(self.instance):
                raise ValidationError(CHANGED_MEANWHILE, code="changed_meanwhile")
            return cleaned

    VersionedForm.__name__ = form_class.__name__
    return VersionedForm


class RegistryAdmin(SimpleHistoryAdmin):
    """Base admin: full history and revert, deletes refused while referenced, sources shown."""

    list_per_page = 50
    delete_confirmation_template = "admin/core/delete_confirmation.html"
    # Documents are few; a two-box selector works without JavaScript, unlike autocomplete.
    filter_horizontal = ("sources",)
    # Editors paste bare domains; assume https as Django 6 will (silences its warning now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    #: Relations the changelist follows besides ``sources``, prefetched in one query each.
    list_prefetch_related: tuple[str, ...] = ()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        prefetch = list(self.list_prefetch_related)
        if has_sources(self.model):
            prefetch.append("sources")
        return queryset.prefetch_related(*prefetch) if prefetch else queryset

    def get_form(self, request, obj=None, **kwargs):
        """On the revert page, show the version's many-to-many values, not today's.

        simple_history rebuilds the old version's own fields but its form would read the
        current links (regions, sources, ...); this fills them from the history rows so a
        revert restores them too.
        """
        record = getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if self._checks_version(obj):
            kwargs["form"] = versioned_form(kwargs.get("form", self.form))
        form = super().get_form(request, obj, **kwargs)
        if record is None:
            return form
        initial = {
            field.name: [
                getattr(row, f"{get_m2m_reverse_field_name(field)}_id")
                for row in getattr(record, field.name).all()
            ]
            for field in record._history_m2m_fields
            if field.name in form.base_fields
        }

        class VersionForm(form):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, **form_kwargs)
                self.initial.update(initial)

        return VersionForm

    @staticmethod
    def _checks_version(obj) -> bool:
        """A change form of a stored record (not the revert form, not the add form)."""
        return (
            obj is not None
            and obj.pk is not None
            and getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None) is None
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.fieldsets or not self._checks_version(obj):
            return fieldsets  # derived from the form, the version field included
        *rest, (name, options) = fieldsets
        return [*rest, (name, {**options, "fields": (*options["fields"], VERSION_FIELD)})]

    @admin.display(description="Sources")
    def source_list(self, obj):
        return ", ".join(str(doc) for doc in obj.sources.all()) or "—"

    def get_deleted_objects(self, objs, request):
        """Add every record that references an object to Django's "protected" list.

        PROTECT foreign keys are already there; many-to-many links (a reference naming a
        mechanism, a record citing a note) are not, and Django would silently drop them.
        Both the delete view and the "delete selected" action refuse while ``protected``
        is not empty.
        """
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        in_use = []
        for obj in objs:
            blockers = blocking_references(obj)
            if blockers:
                in_use.append(str(RecordInUse(obj, blockers)))
        return deleted, model_count, perms_needed, in_use + list(protected)


class ImportExportRegistryAdmin(ImportExportMixin, RegistryAdmin):
    """Registry admin with CSV/XLSX import and export through a natural-key resource.

    Import is all or nothing: a row that fails validation rolls the whole file back, on the
    confirm step too (the data may have changed since the preview), and the page says which
    row failed and why.
    """

    def has_import_permission(self, request):
        # Importing adds and changes records: it needs both permissions, so Viewers cannot.
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        # Exporting reads what the changelist already shows (and the public API serves).
        return self.has_view_permission(request)

    def get_import_data_kwargs(self, **kwargs):
        data_kwargs = super().get_import_data_kwargs(**kwargs)
        data_kwargs["rollback_on_validation_errors"] = True
        return data_kwargs

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        result = getattr(response, "context_data", {}).get("result")
        if result is not None and (result.has_errors() or result.has_validation_errors()):
            response.status_code = 400  # the file was refused; the page lists its row errors
        return response

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            messages.error(request, "Nothing was imported: a row failed. Fix it and try again.")
            context = self.admin_site.each_context(request)
            context.update(
                {
                    "title": "Import",
                    "opts": self.model._meta,
                    "result": result,
                    "form": self.get_import_form_class(request)(
                        self.get_import_formats(),
                        self.get_import_resource_classes(request),
                        initial=self.get_import_form_initial(request),
                    ),
                    "import_error_display": self.import_error_display,
                }
            )
            request.current_app = self.admin_site.name
            return TemplateResponse(request, [self.import_template_name], context, status=400)
        return super().process_result(result, request)
